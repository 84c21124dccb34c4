package org.pdml.preprocess;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.pdml.preprocess.image.RejectReason;
import org.pdml.preprocess.index.IndexEntry;

/**
 * Keeps the first entry of each id (in path order, so the choice is deterministic) and rejects the
 * others as {@link RejectReason#DUPLICATE_ID}.
 */
final class DropDuplicateIdsFn extends DoFn<KV<String, Iterable<IndexEntry>>, IndexEntry> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element KV<String, Iterable<IndexEntry>> group, MultiOutputReceiver out) {
        List<IndexEntry> entries = new ArrayList<>();
        group.getValue().forEach(entries::add);
        entries.sort(
                Comparator.comparing(IndexEntry::path)
                        .thenComparingInt(IndexEntry::label)
                        .thenComparing(IndexEntry::className));
        IndexEntry kept = entries.get(0);
        out.get(Tags.UNIQUE).output(kept);
        for (IndexEntry dup : entries.subList(1, entries.size())) {
            RejectCounters.counter(RejectReason.DUPLICATE_ID).inc();
            out.get(Tags.REJECTS)
                    .output(
                            new Reject(
                                    dup.path(),
                                    dup.id(),
                                    RejectReason.DUPLICATE_ID,
                                    "id '" + dup.id() + "' already used by " + kept.path()));
        }
    }
}
