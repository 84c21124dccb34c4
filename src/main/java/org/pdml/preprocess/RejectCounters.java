package org.pdml.preprocess;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.pdml.preprocess.image.RejectReason;

/** Names of the stage's Beam counters; one counter per {@link RejectReason}. */
public final class RejectCounters {
    /** Namespace of every pdml preprocessing counter. */
    public static final String NAMESPACE = "pdml.preprocess";

    /** Counter of index entries that entered the pipeline. */
    public static final String ENTRIES = "entries";

    /** Counter of records decoded, resized and encoded (they reach the shards at the end). */
    public static final String RECORDS = "records";

    private RejectCounters() {}

    /**
     * Returns the counter name of a reason.
     *
     * @param reason the reason
     * @return {@code "rejected_" + reason}
     */
    public static String name(RejectReason reason) {
        return "rejected_" + reason.name();
    }

    /**
     * Returns the counter of a reason (call inside a DoFn).
     *
     * @param reason the reason
     * @return the counter
     */
    public static Counter counter(RejectReason reason) {
        return Metrics.counter(NAMESPACE, name(reason));
    }
}
