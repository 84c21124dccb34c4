package org.pdml.tracking.mlflow;

/**
 * One line of the tracking spool (JSON lines). Every call of the tracker becomes one record,
 * journaled before it is sent; an {@link Kind#ACK} line marks every record up to its {@code seq} as
 * delivered, so a delivered record is never sent again.
 *
 * <p>A child run started while the server is away is created by a {@link Kind#CHILD} record, and
 * its own records carry its client-side placeholder id ({@link RunIds}) instead of a server id. The
 * ACK of a CHILD record names the run the server created, so a later flush still knows it.
 *
 * @param seq position in the spool, strictly increasing from 1; for an ACK, the last delivered seq
 * @param kind what the record does
 * @param runId the run it belongs to, a server id or a placeholder (empty for HEADER and ACK); for
 *     CHILD the parent; for the ACK of a CHILD the created run's server id
 * @param key param/tag/metric key; for ARTIFACT the proxy path ({@code
 *     <exp_id>/<run_id>/artifacts/<path>}, or {@code <placeholder>/<path>}); for MODEL, likewise,
 *     the run-artifact folder a server without logged models gets, whose last segment names the
 *     model; for HEADER the tracking URI without user-info; for CHILD and its ACK the child's
 *     placeholder
 * @param value param/tag value; for ARTIFACT the local file; for TERMINATE the status name; for
 *     INPUT the dataset input as the JSON of one {@code runs/log-inputs} {@code datasets} entry;
 *     for MODEL the {@link ModelRecord} JSON; for CHILD {@code {"experiment_id", "run_name",
 *     "stage"}}; for the ACK of a CHILD the created run's artifact root ({@code
 *     <exp_id>/<run_id>/artifacts})
 * @param number the metric value (NaN and infinities allowed)
 * @param timestamp epoch milliseconds from the tracker's clock at the call (for CHILD, the run's
 *     start time)
 * @param step the metric step
 */
public record SpoolRecord(
        long seq,
        Kind kind,
        String runId,
        String key,
        String value,
        double number,
        long timestamp,
        long step) {

    /** The record kinds. */
    public enum Kind {
        /** First line: the tracking URI the spool was written for. */
        HEADER,
        /** A param. */
        PARAM,
        /** A metric point. */
        METRIC,
        /** A tag. */
        TAG,
        /** A file upload through the artifact proxy. */
        ARTIFACT,
        /** The run's end, with its status. */
        TERMINATE,
        /** A dataset input ({@code runs/log-inputs}). */
        INPUT,
        /** An MLflow Model folder, as a logged model or run artifacts ({@link ModelRecord}). */
        MODEL,
        /** The creation of a child run ({@code runs/create}), spooled while the server is away. */
        CHILD,
        /** Everything up to {@code seq} was delivered. */
        ACK
    }

    /**
     * Whether the record travels in a {@code runs/log-batch} call.
     *
     * @return true for PARAM, METRIC and TAG
     */
    public boolean batchable() {
        return kind == Kind.PARAM || kind == Kind.METRIC || kind == Kind.TAG;
    }

    /**
     * Returns a copy with another sequence number.
     *
     * @param newSeq the sequence number
     * @return the copy
     */
    SpoolRecord withSeq(long newSeq) {
        return new SpoolRecord(newSeq, kind, runId, key, value, number, timestamp, step);
    }
}
