package org.pdml.preprocess.index;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns raw entries into the final index: rejects duplicate ids and classes that straddle splits
 * (splits are class-disjoint), and assigns dense 0-based labels by sorted original class id over
 * the whole dataset (numerically when every class id is an integer, else by string order).
 */
final class IndexAssembler {

    private IndexAssembler() {}

    /**
     * Assembles the index, keeping the input order.
     *
     * @param raw the raw entries
     * @return the entries with dense labels
     * @throws MalformedIndexException naming file and line of a duplicate id or of the first entry
     *     that puts a class into a second split
     */
    static List<IndexEntry> assemble(List<RawEntry> raw) {
        Map<String, RawEntry> byId = new HashMap<>();
        Map<String, RawEntry> classSplit = new HashMap<>();
        for (RawEntry e : raw) {
            RawEntry first = byId.putIfAbsent(e.id(), e);
            if (first != null) {
                throw new MalformedIndexException(
                        e.file(),
                        e.line(),
                        "duplicate id '" + e.id() + "' (first at " + where(first) + ")");
            }
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
        List<IndexEntry> out = new ArrayList<>(raw.size());
        for (RawEntry e : raw) {
            out.add(
                    new IndexEntry(
                            e.id(),
                            e.path(),
                            labels.get(e.classKey()),
                            e.className(),
                            e.split(),
                            e.role()));
        }
        return out;
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
