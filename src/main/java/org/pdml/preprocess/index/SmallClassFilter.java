package org.pdml.preprocess.index;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Drops the classes that have fewer instances than {@code data.min_instances_per_class} from an
 * index. A class with one instance gives no positive pair to train on and no relevant neighbour to
 * retrieve. Instances are counted over the whole index (a class lies in one split), before the
 * validation carve, so the carve only sees kept classes. Dropped rows are not rejects: they leave
 * the reject fraction unchanged.
 */
public final class SmallClassFilter {

    private SmallClassFilter() {}

    /**
     * The labels of the classes with fewer than {@code minInstances} entries.
     *
     * @param entries the index
     * @param minInstances the least number of instances a class keeps, ≥ 1 (1 drops nothing)
     * @return the dropped labels, ascending
     * @throws IllegalArgumentException if {@code minInstances < 1}
     */
    public static Set<Integer> smallClasses(List<IndexEntry> entries, int minInstances) {
        if (minInstances < 1) {
            throw new IllegalArgumentException(
                    "min_instances_per_class must be >= 1, got " + minInstances);
        }
        Map<Integer, Integer> counts = new HashMap<>();
        entries.forEach(e -> counts.merge(e.label(), 1, Integer::sum));
        Set<Integer> small = new TreeSet<>();
        counts.forEach(
                (label, n) -> {
                    if (n < minInstances) {
                        small.add(label);
                    }
                });
        return small;
    }

    /**
     * The index without the entries of the given classes, in the same order.
     *
     * @param entries the index
     * @param dropped labels to drop
     * @return the kept entries
     */
    public static List<IndexEntry> without(List<IndexEntry> entries, Set<Integer> dropped) {
        return entries.stream().filter(e -> !dropped.contains(e.label())).toList();
    }
}
