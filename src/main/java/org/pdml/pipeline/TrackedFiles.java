package org.pdml.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.pdml.tracking.RunTracker;
import org.pdml.util.FileTrees;

/** Helpers that put stage outputs into a tracked run. */
public final class TrackedFiles {
    private TrackedFiles() {}

    /**
     * Logs every regular file directly in a folder (sorted by name) as an artifact.
     *
     * @param tracker the run
     * @param dir the folder
     * @param artifactDir artifact folder in the run, e.g. {@code "model"}
     * @throws IOException if the folder cannot be listed
     */
    public static void logFolder(RunTracker tracker, Path dir, String artifactDir)
            throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                tracker.logArtifact(f, artifactDir);
            }
        }
    }

    /**
     * Logs every regular file under a folder, subfolders included, as an artifact at the same
     * relative path under {@code artifactDir} (an MLflow Model keeps its loader in {@code code/}).
     *
     * @param tracker the run
     * @param dir the folder
     * @param artifactDir artifact folder in the run, e.g. {@code "model"}
     * @throws IOException if the folder cannot be walked
     */
    public static void logTree(RunTracker tracker, Path dir, String artifactDir)
            throws IOException {
        for (String rel : FileTrees.regularFiles(dir)) {
            int slash = rel.lastIndexOf('/');
            String folder = slash < 0 ? artifactDir : artifactDir + "/" + rel.substring(0, slash);
            tracker.logArtifact(dir.resolve(rel), folder);
        }
    }

    /**
     * MLflow metric names allow no '@': {@code recall@1 → recall_at_1}, {@code map@r → map_at_r}.
     *
     * @param metrics report metrics
     * @return the same values under MLflow-safe names, sorted
     */
    public static Map<String, Double> mlflowNames(Map<String, Double> metrics) {
        Map<String, Double> out = new TreeMap<>();
        metrics.forEach((k, v) -> out.put(k.replace("@", "_at_"), v));
        return out;
    }
}
