package org.pdml.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.pdml.artifacts.StageArtifact;
import org.pdml.util.FileTrees;

/**
 * Decides which folders of the stage store ({@code <runs_root>/stages/<stage>/<fingerprint>}) the
 * runs still need, so that scheduled retraining does not fill the disk with old checkpoints, models
 * and embeddings.
 *
 * <p>Kept: every stage folder named in the {@code stages.json} of the newest {@code keepRuns} runs
 * of each experiment ({@code <runs_root>/<experiment>/<stamp>_<name>/}, newest by the stamp that
 * starts the folder name), and every incomplete folder (no {@code stage.json}) in which anything
 * changed within {@code staleAfter}, since a run may be writing or resuming it. Removed: all other
 * stage folders. Run folders are never removed: their config, provenance and {@code stages.json}
 * stay as the record (their {@code model} and {@code eval} links dangle once the folders go).
 * Callers hold {@link RunsRootLock#tryExclusive}, so that no run is reusing a folder meanwhile.
 */
public final class StagePruner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STORE = "stages";

    private StagePruner() {}

    /**
     * What a prune would remove.
     *
     * @param remove the stage folders to delete, in path order
     * @param bytes their total size in bytes
     * @param runsKept runs whose stage folders are kept
     * @param runsSeen runs found (folders with a {@code stages.json})
     * @param foldersKept stage folders kept
     */
    public record Plan(List<Path> remove, long bytes, int runsKept, int runsSeen, int foldersKept) {
        /** Copies the list. */
        public Plan {
            remove = List.copyOf(remove);
        }
    }

    /**
     * Plans a prune without touching anything.
     *
     * @param runsRoot the runs root ({@code runs_root})
     * @param keepRuns newest runs per experiment whose stage folders are kept, {@code >= 0}
     * @param staleAfter how long an incomplete stage folder must have been left unchanged
     * @param clock the time now
     * @return the plan
     * @throws IOException if the runs root cannot be read, or a {@code stages.json} is malformed
     *     (named in the message)
     */
    public static Plan plan(Path runsRoot, int keepRuns, Duration staleAfter, Clock clock)
            throws IOException {
        if (keepRuns < 0) {
            throw new IllegalArgumentException("keepRuns must be >= 0, got " + keepRuns);
        }
        Path store = runsRoot.resolve(STORE);
        Set<Path> needed = new HashSet<>();
        int[] runs = {0, 0};
        for (List<Path> experiment : runsByExperiment(runsRoot)) {
            runs[0] += experiment.size();
            for (Path run : experiment.subList(0, Math.min(keepRuns, experiment.size()))) {
                needed.addAll(stageFolders(run, store));
                runs[1]++;
            }
        }
        Instant staleBefore = clock.instant().minus(staleAfter);
        List<Path> remove = new ArrayList<>();
        long bytes = 0;
        int kept = 0;
        for (Path folder : storeFolders(store)) {
            boolean complete = Files.exists(StageArtifact.at(folder).manifestPath());
            if (needed.contains(folder)
                    || (!complete && lastChange(folder).toInstant().isAfter(staleBefore))) {
                kept++;
            } else {
                remove.add(folder);
                bytes += size(folder);
            }
        }
        return new Plan(remove, bytes, runs[1], runs[0], kept);
    }

    /**
     * Deletes the planned folders.
     *
     * @param plan from {@link #plan}
     * @throws IOException if a deletion fails (the folders before it are gone)
     */
    public static void apply(Plan plan) throws IOException {
        for (Path folder : plan.remove()) {
            FileTrees.deleteTree(folder);
        }
    }

    /** Each experiment's run folders that have a {@code stages.json}, newest first. */
    private static List<List<Path>> runsByExperiment(Path runsRoot) throws IOException {
        List<List<Path>> out = new ArrayList<>();
        for (Path experiment : children(runsRoot)) {
            if (experiment.getFileName().toString().equals(STORE)) {
                continue;
            }
            List<Path> runs = new ArrayList<>();
            for (Path run : children(experiment)) {
                if (Files.isRegularFile(run.resolve(RunFolder.STAGES))) {
                    runs.add(run);
                }
            }
            runs.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
            out.add(runs);
        }
        return out;
    }

    /** The stage folders a run's {@code stages.json} names, as {@code <store>/<stage>/<fp>}. */
    private static Set<Path> stageFolders(Path run, Path store) throws IOException {
        Path file = run.resolve(RunFolder.STAGES);
        Set<Path> folders = new HashSet<>();
        JsonNode stages;
        try {
            stages = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = stages.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> stage = it.next();
            JsonNode fp = stage.getValue().get("fingerprint");
            if (fp == null || !fp.isTextual()) {
                throw new IOException(file + ": stage '" + stage.getKey() + "' has no fingerprint");
            }
            // Why not the recorded "dir": it is relative when runs_root was, to a working
            // directory this command may not share.
            folders.add(store.resolve(stage.getKey()).resolve(fp.asText()));
        }
        return folders;
    }

    private static List<Path> storeFolders(Path store) throws IOException {
        List<Path> folders = new ArrayList<>();
        for (Path stage : children(store)) {
            folders.addAll(children(stage));
        }
        return folders;
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** The newest modification time of the folder or anything in it. */
    private static FileTime lastChange(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            FileTime newest = FileTime.fromMillis(0);
            for (Path p : walk.toList()) {
                FileTime t = Files.getLastModifiedTime(p);
                newest = t.compareTo(newest) > 0 ? t : newest;
            }
            return newest;
        }
    }

    private static long size(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            long total = 0;
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }
}
