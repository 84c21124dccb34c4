package org.pdml.artifacts;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.pdml.artifacts.proto.ClassInfo;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.SplitInfo;

/**
 * Formats what {@code pdml inspect} prints: per-split record, class and shard counts, then per
 * split the classes with the most records (label, count as read from the records, name from the
 * manifest), then a verdict line. Problems are printed by the caller.
 */
public final class InspectionFormatter {

    private InspectionFormatter() {}

    /**
     * Writes the summary.
     *
     * @param m the manifest
     * @param report the verification of the folder against {@code m}
     * @param topClasses how many classes to list per split (most records first, ties by label);
     *     {@code Integer.MAX_VALUE} lists all
     * @param out destination
     */
    public static void write(
            ExamplesManifest m, VerificationReport report, int topClasses, PrintWriter out) {
        // Only manifests from before byte-stable outputs carry a creation time.
        String created = m.getCreatedAt().isEmpty() ? "" : ", created " + m.getCreatedAt();
        out.printf(
                "dataset %s, schema %d%s, tool %s%n",
                m.getDataset(), m.getSchemaVersion(), created, m.getToolVersion());
        out.printf("%-8s %10s %8s %7s%n", "split", "records", "classes", "shards");
        long records = 0;
        long shards = 0;
        for (SplitInfo s : m.getSplitsList()) {
            long n = report.records(s.getName());
            int classes =
                    report.labelCounts()
                            .getOrDefault(s.getName(), new java.util.TreeMap<>())
                            .size();
            out.printf("%-8s %10d %8d %7d%n", s.getName(), n, classes, s.getShardsCount());
            records += n;
            shards += s.getShardsCount();
        }
        out.printf("%-8s %10d %8s %7d%n", "total", records, "", shards);
        Map<String, String> names = new HashMap<>();
        for (ClassInfo c : m.getClassesList()) {
            names.put(c.getSplit() + "/" + c.getLabel(), c.getName());
        }
        report.labelCounts()
                .forEach((split, counts) -> writeClasses(split, counts, names, topClasses, out));
        if (m.getRejectedCount() > 0) {
            out.printf("rejected %d inputs, see %s%n", m.getRejectedCount(), m.getRejectsPath());
        }
        if (report.ok()) {
            out.printf(
                    "OK: %d shards, %d records; every CRC and SHA-256 verified%n", shards, records);
        }
        out.flush();
    }

    private static void writeClasses(
            String split,
            SortedMap<Integer, Long> counts,
            Map<String, String> names,
            int top,
            PrintWriter out) {
        List<Map.Entry<Integer, Long>> sorted =
                counts.entrySet().stream()
                        .sorted(
                                Comparator.<Map.Entry<Integer, Long>>comparingLong(
                                                e -> -e.getValue())
                                        .thenComparing(Map.Entry::getKey))
                        .limit(top)
                        .toList();
        String which = sorted.size() < counts.size() ? "top " + sorted.size() + " of " : "all ";
        out.printf("classes of %s (%s%d, most records first):%n", split, which, counts.size());
        out.printf("  %8s %8s  %s%n", "label", "records", "name");
        for (Map.Entry<Integer, Long> e : sorted) {
            String name = names.getOrDefault(split + "/" + e.getKey(), "?");
            out.printf("  %8d %8d  %s%n", e.getKey(), e.getValue(), name);
        }
    }
}
