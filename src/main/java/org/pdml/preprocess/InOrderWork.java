package org.pdml.preprocess;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Applies a task to a sequence of items on a thread pool and hands each result to a sink on the
 * calling thread, in item order, with at most {@code window} items in flight. Why: a shard must be
 * written in id order by one thread, but its images can be decoded and encoded on every core, so a
 * shard that runs alone at the end of a run (or on a worker with more cores than shards) still uses
 * the whole machine; the window bounds the memory to {@code window} results per shard.
 *
 * @param <T> item type
 * @param <R> result type
 */
final class InOrderWork<T, R> {
    /** The work done on the pool for one item. */
    @FunctionalInterface
    interface Task<T, R> {
        R apply(T item) throws IOException;
    }

    /** Receives each result on the calling thread, in item order. */
    @FunctionalInterface
    interface Sink<T, R> {
        void accept(T item, R result) throws IOException;
    }

    private final ExecutorService pool;
    private final int window;

    /**
     * @param pool the threads that run the tasks (shared; never shut down here)
     * @param window the most items submitted and not yet handed to the sink, >= 1
     */
    InOrderWork(ExecutorService pool, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        this.pool = pool;
        this.window = window;
    }

    /**
     * Runs {@code task} on every item and {@code sink} on every result, in order. On the first
     * failure the items still in flight are cancelled and the failure is rethrown (an {@link
     * IOException} or unchecked exception from the task as itself).
     *
     * @param items the items
     * @param task run on the pool
     * @param sink run on this thread
     * @throws IOException from the task or the sink
     */
    void run(Iterable<T> items, Task<T, R> task, Sink<T, R> sink) throws IOException {
        Deque<Pending<T, R>> inFlight = new ArrayDeque<>();
        try {
            for (T item : items) {
                if (inFlight.size() == window) {
                    finish(inFlight.removeFirst(), sink);
                }
                inFlight.addLast(new Pending<>(item, pool.submit(() -> task.apply(item))));
            }
            while (!inFlight.isEmpty()) {
                finish(inFlight.removeFirst(), sink);
            }
        } finally {
            inFlight.forEach(p -> p.result().cancel(true));
        }
    }

    private record Pending<T, R>(T item, Future<R> result) {}

    private void finish(Pending<T, R> p, Sink<T, R> sink) throws IOException {
        R r;
        try {
            r = p.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a shard's images");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
        sink.accept(p.item(), r);
    }
}
