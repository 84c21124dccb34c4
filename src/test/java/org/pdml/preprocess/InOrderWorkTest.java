package org.pdml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InOrderWorkTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void resultsReachTheSinkInItemOrderOnTheCallingThreadWithinTheWindow() throws Exception {
        List<Integer> items = IntStream.range(0, 300).boxed().toList();
        Random random = new Random(3);
        List<Integer> delays = items.stream().map(i -> random.nextInt(3)).toList();
        AtomicInteger submittedNotSunk = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        List<String> sunk = new ArrayList<>();
        Thread caller = Thread.currentThread();
        new InOrderWork<Integer, String>(pool, 5)
                .run(
                        () ->
                                items.stream()
                                        .peek(
                                                i ->
                                                        mostInFlight.accumulateAndGet(
                                                                submittedNotSunk.incrementAndGet(),
                                                                Math::max))
                                        .iterator(),
                        i -> {
                            sleep(delays.get(i));
                            return "r" + i;
                        },
                        (i, r) -> {
                            assertThat(Thread.currentThread()).isSameAs(caller);
                            assertThat(r).isEqualTo("r" + i);
                            submittedNotSunk.decrementAndGet();
                            sunk.add(r);
                        });
        assertThat(sunk).isEqualTo(items.stream().map(i -> "r" + i).toList());
        // The next item is pulled before the oldest is handed on, so one more than the window.
        assertThat(mostInFlight.get()).isBetween(2, 6);
    }

    @Test
    void aTasksFailureIsRethrownAsItselfAndStopsTheRun() {
        AtomicInteger sunk = new AtomicInteger();
        List<Integer> items = IntStream.range(0, 100).boxed().toList();
        assertThatThrownBy(
                        () ->
                                new InOrderWork<Integer, Integer>(pool, 4)
                                        .run(
                                                items,
                                                i -> {
                                                    if (i == 10) {
                                                        throw new IOException("cannot read 10");
                                                    }
                                                    return i;
                                                },
                                                (i, r) -> sunk.incrementAndGet()))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot read 10");
        assertThat(sunk.get()).isEqualTo(10);
        assertThatThrownBy(
                        () ->
                                new InOrderWork<Integer, Integer>(pool, 4)
                                        .run(
                                                items,
                                                i -> {
                                                    throw new IllegalStateException("bad " + i);
                                                },
                                                (i, r) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("bad 0");
    }

    @Test
    void aWindowBelowOneIsRefused() {
        assertThatThrownBy(() -> new InOrderWork<Integer, Integer>(pool, 0))
                .hasMessageContaining("window must be >= 1");
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
