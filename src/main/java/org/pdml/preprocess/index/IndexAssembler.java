package org.pdml.preprocess.index;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns raw entries into the final index: rejects rows with duplicate ids, refuses classes that
 * straddle splits (splits are class-disjoint), and assigns dense 0-based labels by sorted original
 * class id over the whole dataset (numerically when every class id is an integer, else by string
 * order).
 */
final class IndexAssembler {

    private IndexAssembler() {}

    /**
     * Assembles the index, keeping the input order; a row whose id was already seen is rejected
     * (the first is kept).
     *
     * @param raw the raw entries
     * @param rejects rows the reader already rejected; duplicates are appended after them
     * @return the entries with dense labels, and all rejects
     * @throws MalformedIndexException naming file and line of the first entry that puts a class
     *     into a second split
     */
    static IndexResult assemble(List<RawEntry> raw, List<IndexReject> rejects) {
        Map<String, RawEntry> byId = new HashMap<>();
        Map<String, RawEntry> classSplit = new HashMap<>();
        List<RawEntry> kept = new ArrayList<>(raw.size());
        List<IndexReject> allRejects = new ArrayList<>(rejects);
        for (RawEntry e : raw) {
            RawEntry first = byId.putIfAbsent(e.id(), e);
            if (first != null) {
                String why = "duplicate id, first at " + where(first);
                allRejects.add(new IndexReject(e.id(), e.path(), e.file(), e.line(), why));
                continue;
            }
            kept.add(e);
            RawEntry seen = classSplit.putIfAbsent(e.classKey(), e);
            if (seen != null && seen.split() != e.split()) {
                throw new MalformedIndexException(
                        e.file(),
                        e.line(),
                        "class '"
                                + e.classKey()
                                + "' is in "
                                + e.split().wireName()
                                + " and in "
                                + seen.split().wireName()
                                + " (at "
                                + where(seen)
                                + "); splits must be class-disjoint");
            }
        }
        Map<String, Integer> labels = denseLabels(classSplit.keySet());
        List<IndexEntry> out = new ArrayList<>(kept.size());
        for (RawEntry e : kept) {
            int label = labels.get(e.classKey());
            out.add(new IndexEntry(e.id(), e.path(), label, e.className(), e.split(), e.role()));
        }
        return new IndexResult(out, allRejects);
    }

    /**
     * Assigns 0..n-1 to class keys in sorted order.
     *
     * @param keys distinct class keys
     * @return key to dense label
     */
    static Map<String, Integer> denseLabels(Iterable<String> keys) {
        TreeSet<String> sorted = new TreeSet<>(classOrder(keys));
        keys.forEach(sorted::add);
        Map<String, Integer> out = new HashMap<>();
        for (String k : sorted) {
            out.put(k, out.size());
        }
        return out;
    }

    /**
     * Returns the order of class keys: numeric when all are integers, else string order.
     *
     * @param keys the keys
     * @return the comparator
     */
    static Comparator<String> classOrder(Iterable<String> keys) {
        for (String k : keys) {
            if (!k.matches("-?\\d+")) {
                return Comparator.naturalOrder();
            }
        }
        return Comparator.comparing(BigInteger::new);
    }

    private static String where(RawEntry e) {
        return e.file().getFileName() + (e.line() > 0 ? ":" + e.line() : "");
    }
}
