package org.pdml.preprocess;

import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/** The tuple tags of the stage's multi-output steps. */
public final class Tags {
    /** {@code KV<shard path relative to the output, records written>}, from {@link BuildShards}. */
    public static final TupleTag<KV<String, Long>> SHARDS = new TupleTag<>("shards") {};

    /** Refused entries, from every step. */
    public static final TupleTag<Reject> REJECTS = new TupleTag<>("rejects") {};

    private Tags() {}
}
