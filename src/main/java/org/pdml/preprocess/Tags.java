package org.pdml.preprocess;

import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.records.ImageRecord;

/** The tuple tags of the stage's multi-output steps. */
public final class Tags {
    /** Entries with their file bytes, output of {@link ReadImages}. */
    public static final TupleTag<KV<IndexEntry, byte[]>> READ = new TupleTag<>("read") {};

    /** Records ready to write, output of {@link DecodeImages}. */
    public static final TupleTag<ImageRecord> RECORDS = new TupleTag<>("records") {};

    /** Refused entries, from every step. */
    public static final TupleTag<Reject> REJECTS = new TupleTag<>("rejects") {};

    private Tags() {}
}
