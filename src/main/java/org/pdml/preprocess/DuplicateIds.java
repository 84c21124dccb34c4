package org.pdml.preprocess;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pdml.preprocess.image.RejectReason;
import org.pdml.preprocess.index.IndexEntry;

/**
 * Splits an index into entries with distinct ids and {@link RejectReason#DUPLICATE_ID} rejects, on
 * the driver before the pipeline runs (the whole index is in memory there anyway, and a shuffle on
 * the id would cost one tiny bundle per id on the DirectRunner). Of the entries sharing an id the
 * one first in (path, label, class name) order is kept, so the choice does not depend on index
 * order.
 *
 * @param unique entries with distinct ids, in index order
 * @param rejects one reject per dropped entry, naming the path that kept the id
 */
record DuplicateIds(List<IndexEntry> unique, List<Reject> rejects) {
    private static final Comparator<IndexEntry> KEEP_ORDER =
            Comparator.comparing(IndexEntry::path)
                    .thenComparingInt(IndexEntry::label)
                    .thenComparing(IndexEntry::className);

    /** Copies the lists. */
    DuplicateIds {
        unique = List.copyOf(unique);
        rejects = List.copyOf(rejects);
    }

    /**
     * Partitions the entries.
     *
     * @param entries the index, possibly with repeated ids
     * @return the kept entries (index order) and the rejects (index order of the dropped entries)
     */
    static DuplicateIds split(List<IndexEntry> entries) {
        Map<String, IndexEntry> kept = new HashMap<>();
        for (IndexEntry e : entries) {
            kept.merge(e.id(), e, (a, b) -> KEEP_ORDER.compare(a, b) <= 0 ? a : b);
        }
        List<IndexEntry> unique = new ArrayList<>(kept.size());
        List<Reject> rejects = new ArrayList<>();
        java.util.Set<String> emitted = new java.util.HashSet<>();
        for (IndexEntry e : entries) {
            IndexEntry keeper = kept.get(e.id());
            // Identity, not equals: of two equal rows only the instance merge() chose is kept.
            if (keeper == e && emitted.add(e.id())) {
                unique.add(e);
            } else {
                rejects.add(
                        new Reject(
                                e.path(),
                                e.id(),
                                RejectReason.DUPLICATE_ID,
                                "id '" + e.id() + "' already used by " + keeper.path()));
            }
        }
        return new DuplicateIds(unique, rejects);
    }
}
