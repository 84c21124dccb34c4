package org.pdml.data;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntToLongFunction;
import java.util.function.LongBinaryOperator;

/**
 * Decodes and transforms batches on a worker pool, {@code prefetch} batches ahead of the consumer,
 * and hands them out in order. Sample seeds come from {@code seedOf(batchIndex, position)}, so the
 * batches are a pure function of the sampler and the seed, whatever the number of workers.
 */
public final class PrefetchingLoader implements Iterator<HostBatch>, AutoCloseable {
    private final List<int[]> batches;
    private final IntToLongFunction classOfRow;
    private final SampleTransform transform;
    private final LongBinaryOperator seedOf;
    private final int[] chw;
    private final ExecutorService pool;
    private final Deque<CompletableFuture<HostBatch>> inFlight = new ArrayDeque<>();
    private final int prefetch;
    private int submitted;

    /**
     * Starts loading.
     *
     * @param batches the record indices of each batch, in consumption order
     * @param classOfRow class index of a record
     * @param transform decode + transform of one record
     * @param seedOf (batch index, position in batch) → sample seed
     * @param chw the shape {C, H, W} every transform returns
     * @param workers decoding threads (≥ 1)
     * @param prefetch batches kept in flight (≥ 1)
     */
    public PrefetchingLoader(
            List<int[]> batches,
            IntToLongFunction classOfRow,
            SampleTransform transform,
            LongBinaryOperator seedOf,
            int[] chw,
            int workers,
            int prefetch) {
        if (workers < 1 || prefetch < 1 || chw.length != 3) {
            throw new IllegalArgumentException(
                    "workers and prefetch must be >= 1, chw of length 3");
        }
        this.batches = List.copyOf(batches);
        this.classOfRow = classOfRow;
        this.transform = transform;
        this.seedOf = seedOf;
        this.chw = chw.clone();
        this.prefetch = prefetch;
        this.pool = Executors.newFixedThreadPool(workers, PrefetchingLoader::daemon);
        fill();
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "pdml-loader");
        t.setDaemon(true);
        return t;
    }

    private void fill() {
        while (inFlight.size() < prefetch && submitted < batches.size()) {
            int b = submitted++;
            inFlight.add(CompletableFuture.supplyAsync(() -> load(b), pool));
        }
    }

    /**
     * Loads batch b synchronously (the unit of work of one worker).
     *
     * @param b batch index
     * @return the batch
     */
    HostBatch load(int b) {
        int[] rows = batches.get(b);
        int per = chw[0] * chw[1] * chw[2];
        float[] pixels = new float[rows.length * per];
        long[] labels = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            float[] image = transform.apply(rows[i], seedOf.applyAsLong(b, i));
            if (image.length != per) {
                throw new IllegalStateException(
                        "transform of row "
                                + rows[i]
                                + " gave "
                                + image.length
                                + " values, not "
                                + per);
            }
            System.arraycopy(image, 0, pixels, i * per, per);
            labels[i] = classOfRow.applyAsLong(rows[i]);
        }
        return new HostBatch(pixels, labels, rows.clone(), chw[0], chw[1], chw[2]);
    }

    @Override
    public boolean hasNext() {
        return !inFlight.isEmpty();
    }

    @Override
    public HostBatch next() {
        CompletableFuture<HostBatch> head = inFlight.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        try {
            HostBatch batch = head.get();
            fill();
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading a batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "loading a batch failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        inFlight.forEach(f -> f.cancel(true));
        pool.shutdownNow();
    }
}
