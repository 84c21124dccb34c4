package org.pdml.preprocess;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Split;

/**
 * A dataset ready for the pipeline: its index, class list and provenance.
 *
 * @param name dataset name, e.g. {@code emoji-vendors}
 * @param root the folder (local or {@code gs://}) that entry paths are relative to
 * @param entries the index, splits already assigned (validation carved)
 * @param classes the class list, dense label to class name; entries with other labels are rejected
 * @param sources upstream sources for the manifest
 */
public record PreparedDataset(
        String name,
        String root,
        List<IndexEntry> entries,
        Map<Integer, String> classes,
        List<DatasetSource> sources) {

    /**
     * Copies and validates the fields.
     *
     * @throws NullPointerException if any field is null
     */
    public PreparedDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(root, "root");
        entries = List.copyOf(entries);
        classes = Map.copyOf(classes);
        sources = List.copyOf(sources);
    }

    /**
     * Builds the class list from the entries themselves (for indexes without a separate list).
     *
     * @param entries the index
     * @return label to class name, the first name seen for each label
     */
    public static Map<Integer, String> classesOf(List<IndexEntry> entries) {
        Map<Integer, String> classes = new TreeMap<>();
        entries.forEach(e -> classes.putIfAbsent(e.label(), e.className()));
        return classes;
    }

    /**
     * Returns the splits that have at least one entry.
     *
     * @return the splits, in enum order
     */
    public Set<Split> splits() {
        Set<Split> splits = new TreeSet<>();
        entries.forEach(e -> splits.add(e.split()));
        return splits;
    }
}
