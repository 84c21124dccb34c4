package org.pdml.preprocess;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM's one pool for image work (read, decode, resize, encode): one daemon thread per core,
 * shared by every shard writer in the JVM, so that the total image work stays at one thread per
 * core however many bundles the runner runs at once. Idle threads end after a minute.
 */
final class ImageWorkers {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static volatile ExecutorService pool;

    private ImageWorkers() {}

    /**
     * @return the shared pool, created on first use
     */
    static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (ImageWorkers.class) {
                p = pool;
                if (p == null) {
                    pool = p = create(threads());
                }
            }
        }
        return p;
    }

    /**
     * @return the pool's size: the cores available to this JVM
     */
    static int threads() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static ExecutorService create(int n) {
        ThreadPoolExecutor e =
                new ThreadPoolExecutor(
                        n,
                        n,
                        1,
                        TimeUnit.MINUTES,
                        new LinkedBlockingQueue<>(),
                        r -> {
                            Thread t = new Thread(r, "pdml-image-" + THREADS.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        e.allowCoreThreadTimeOut(true);
        return e;
    }
}
