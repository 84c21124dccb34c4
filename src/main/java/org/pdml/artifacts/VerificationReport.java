package org.pdml.artifacts;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.pdml.artifacts.proto.ExamplesManifest;

/**
 * The result of verifying an examples folder: every defect found, and the record counts actually
 * read (per split, per label), which are trustworthy only where no problem names the shard.
 *
 * @param manifest the manifest, when it exists and parses
 * @param problems defects in the order found; empty when the folder is intact
 * @param labelCounts records read per split name, then per label
 */
public record VerificationReport(
        Optional<ExamplesManifest> manifest,
        List<Problem> problems,
        SortedMap<String, SortedMap<Integer, Long>> labelCounts) {

    /** Copies the collections so that the report is immutable. */
    public VerificationReport {
        problems = List.copyOf(problems);
        TreeMap<String, SortedMap<Integer, Long>> copy = new TreeMap<>();
        labelCounts.forEach(
                (k, v) -> copy.put(k, Collections.unmodifiableSortedMap(new TreeMap<>(v))));
        labelCounts = Collections.unmodifiableSortedMap(copy);
    }

    /**
     * Tells whether no defect was found.
     *
     * @return true when {@link #problems()} is empty
     */
    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * Returns the number of records read in a split.
     *
     * @param split split name
     * @return records read, 0 for an unknown split
     */
    public long records(String split) {
        Map<Integer, Long> m = labelCounts.get(split);
        return m == null ? 0 : m.values().stream().mapToLong(Long::longValue).sum();
    }
}
