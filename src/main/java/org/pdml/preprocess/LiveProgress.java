package org.pdml.preprocess;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Progress counts of the runs in this JVM, keyed by {@link PipelineOptions#getOptionsId()}, that
 * the DoFns bump per element. Why: Beam's attempted metrics reach the driver only when a bundle
 * commits, and the DirectRunner cuts the index into as few bundles as it has threads, so they stay
 * at 0 for most of a run. Runners that execute in this JVM (Direct, embedded Flink) make these
 * counts live; on remote workers they stay here unseen and the driver falls back to the metrics.
 */
final class LiveProgress {
    private static final Map<Long, LiveProgress> RUNS = new ConcurrentHashMap<>();

    private final AtomicLong read = new AtomicLong();
    private final AtomicLong encoded = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    private LiveProgress() {}

    /**
     * Returns the counts of a run, creating them on first use.
     *
     * @param options the run's options (any view)
     * @return the run's counts
     */
    static LiveProgress of(PipelineOptions options) {
        return RUNS.computeIfAbsent(options.getOptionsId(), id -> new LiveProgress());
    }

    /**
     * Forgets a finished run.
     *
     * @param options the run's options
     */
    static void release(PipelineOptions options) {
        RUNS.remove(options.getOptionsId());
    }

    /** Counts one index entry whose file was looked at. */
    void entryRead() {
        read.incrementAndGet();
    }

    /** Counts one record ready for its shard. */
    void recordEncoded() {
        encoded.incrementAndGet();
    }

    /** Counts one rejected entry. */
    void entryRejected() {
        rejected.incrementAndGet();
    }

    /**
     * Returns the entries looked at so far.
     *
     * @return count
     */
    long read() {
        return read.get();
    }

    /**
     * Returns the records encoded so far.
     *
     * @return count
     */
    long encoded() {
        return encoded.get();
    }

    /**
     * Returns the entries rejected so far.
     *
     * @return count
     */
    long rejected() {
        return rejected.get();
    }
}
