package org.pdml.artifacts;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.pdml.artifacts.proto.ClassInfo;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.ShardInfo;
import org.pdml.artifacts.proto.SplitInfo;

/**
 * Checks an examples folder against its manifest by reading every byte once:
 *
 * <ul>
 *   <li>the manifest exists and parses;
 *   <li>every listed shard exists, with the listed size, SHA-256 and record count, and every record
 *       passes both CRCs and decodes as an image record of that split;
 *   <li>no shard on disk is missing from the manifest;
 *   <li>split record and class counts, and every class's count, equal what the records hold, and
 *       every record's label is in the class list.
 * </ul>
 */
public final class ExamplesVerifier {

    private ExamplesVerifier() {}

    /**
     * Verifies a folder.
     *
     * @param artifact the folder
     * @return every defect found (a missing manifest is the single problem of an incomplete folder)
     *     and the counts actually read
     * @throws IOException if a file exists but cannot be read
     */
    public static VerificationReport verify(ExamplesArtifact artifact) throws IOException {
        List<Problem> problems = new ArrayList<>();
        TreeMap<String, SortedMap<Integer, Long>> counts = new TreeMap<>();
        ExamplesManifest m;
        try {
            m = artifact.read();
        } catch (IOException e) {
            problems.add(Problem.ofFile(ExamplesArtifact.MANIFEST, e.getMessage()));
            return new VerificationReport(Optional.empty(), problems, counts);
        }
        Set<String> listed = new HashSet<>();
        for (SplitInfo split : m.getSplitsList()) {
            TreeMap<Integer, Long> splitCounts = new TreeMap<>();
            for (ShardInfo shard : split.getShardsList()) {
                listed.add(shard.getPath());
                checkShard(artifact, shard, splitCounts, problems);
            }
            counts.put(split.getName(), splitCounts);
            checkSplitTotals(split, splitCounts, problems);
        }
        checkClasses(m, counts, problems);
        checkUnlisted(artifact, listed, problems);
        return new VerificationReport(Optional.of(m), problems, counts);
    }

    private static void checkShard(
            ExamplesArtifact a,
            ShardInfo shard,
            TreeMap<Integer, Long> splitCounts,
            List<Problem> problems)
            throws IOException {
        String p = shard.getPath();
        if (!Files.isRegularFile(a.shardPath(shard))) {
            problems.add(Problem.ofFile(p, "shard listed in the manifest is missing"));
            return;
        }
        ShardScan scan;
        try {
            scan = ShardScanner.scan(a.dir(), p);
        } catch (IllegalArgumentException e) {
            problems.add(Problem.ofFile(p, e.getMessage()));
            return;
        }
        scan.problem().ifPresent(problems::add);
        if (scan.sizeBytes() != shard.getSizeBytes()) {
            problems.add(mismatch(p, "size in bytes", shard.getSizeBytes(), scan.sizeBytes()));
        }
        if (!scan.sha256().equals(shard.getSha256())) {
            problems.add(mismatch(p, "SHA-256", shard.getSha256(), scan.sha256()));
        }
        if (scan.problem().isEmpty() && scan.recordCount() != shard.getRecordCount()) {
            problems.add(mismatch(p, "record count", shard.getRecordCount(), scan.recordCount()));
        }
        scan.labelCounts().forEach((label, n) -> splitCounts.merge(label, n, Long::sum));
    }

    private static void checkSplitTotals(
            SplitInfo split, TreeMap<Integer, Long> splitCounts, List<Problem> problems) {
        String f = ExamplesArtifact.MANIFEST;
        long records = splitCounts.values().stream().mapToLong(Long::longValue).sum();
        if (records != split.getRecordCount()) {
            problems.add(
                    mismatch(
                            f, split.getName() + " record count", split.getRecordCount(), records));
        }
        if (splitCounts.size() != split.getClassCount()) {
            problems.add(
                    mismatch(
                            f,
                            split.getName() + " class count",
                            split.getClassCount(),
                            splitCounts.size()));
        }
    }

    private static void checkClasses(
            ExamplesManifest m,
            TreeMap<String, SortedMap<Integer, Long>> counts,
            List<Problem> problems) {
        String f = ExamplesArtifact.MANIFEST;
        Set<String> known = new HashSet<>();
        for (ClassInfo c : m.getClassesList()) {
            known.add(c.getSplit() + "/" + c.getLabel());
            SortedMap<Integer, Long> s = counts.get(c.getSplit());
            long actual = s == null ? 0 : s.getOrDefault((int) c.getLabel(), 0L);
            if (actual != c.getCount()) {
                String what =
                        "count of class "
                                + c.getLabel()
                                + " ("
                                + c.getName()
                                + ") in "
                                + c.getSplit();
                problems.add(mismatch(f, what, c.getCount(), actual));
            }
        }
        counts.forEach(
                (split, labels) ->
                        labels.keySet().stream()
                                .filter(l -> !known.contains(split + "/" + l))
                                .forEach(
                                        l ->
                                                problems.add(
                                                        Problem.ofFile(
                                                                split,
                                                                "records carry label "
                                                                        + l
                                                                        + " that the manifest's class list lacks"))));
    }

    private static void checkUnlisted(
            ExamplesArtifact a, Set<String> listed, List<Problem> problems) throws IOException {
        for (String rel : a.allShardsOnDisk()) {
            if (!listed.contains(rel)) {
                problems.add(Problem.ofFile(rel, "shard on disk is not in the manifest"));
            }
        }
    }

    private static Problem mismatch(String file, String what, Object expected, Object actual) {
        return Problem.ofFile(file, what + ": manifest says " + expected + ", found " + actual);
    }
}
