package org.pdml.preprocess;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * The shard writers' reports ({@link WrittenShard}), passed from the workers to the driver as small
 * files in {@code <output>/_shard_stats/}, one per shard ({@code
 * train/part-00000-of-00004.tfrecord} reports in {@code
 * _shard_stats/train.part-00000-of-00004.tfrecord.txt}). Why files: they work on every runner and
 * file system, and the driver then builds the manifest without reading the shards back (on {@code
 * gs://} that read-back downloaded the whole output again). {@link #collect} deletes them; {@code
 * pdml inspect} still re-reads and re-hashes every shard.
 */
final class WrittenShards {
    /** Folder of the reports, inside the output. */
    static final String FOLDER = "_shard_stats";

    private final List<ShardStat> shards;
    private final Map<Integer, Long> classCounts;

    private WrittenShards(List<ShardStat> shards, Map<Integer, Long> classCounts) {
        this.shards = List.copyOf(shards);
        this.classCounts = Map.copyOf(classCounts);
    }

    /**
     * Writes one shard's report (a worker calls this after closing the shard).
     *
     * @param output examples folder (local or {@code gs://})
     * @param shard the report
     * @throws IOException if the file cannot be written
     */
    static void write(String output, WrittenShard shard) throws IOException {
        ResourceId file = reportOf(output, shard.stat().relativePath());
        try (OutputStream out =
                Channels.newOutputStream(FileSystems.create(file, MimeTypes.TEXT))) {
            out.write(shard.toText().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Reads the reports of the planned shards, in the given order, then deletes every report.
     *
     * @param output examples folder
     * @param relativePaths every planned shard
     * @return the shards' stats and their class counts summed
     * @throws IOException if a report cannot be read or deleted
     * @throws IllegalStateException naming the shard when its report is missing or describes
     *     another shard
     */
    static WrittenShards collect(String output, List<String> relativePaths) throws IOException {
        List<ShardStat> stats = new ArrayList<>();
        Map<Integer, Long> counts = new TreeMap<>();
        List<ResourceId> reports = new ArrayList<>();
        for (String path : relativePaths) {
            ResourceId report = reportOf(output, path);
            WrittenShard shard = read(report, path);
            if (!shard.stat().relativePath().equals(path)) {
                throw new IllegalStateException(
                        report + " reports shard " + shard.stat().relativePath() + ", not " + path);
            }
            stats.add(shard.stat());
            shard.classCounts().forEach((label, n) -> counts.merge(label, n, Long::sum));
            reports.add(report);
        }
        FileSystems.delete(reports, StandardMoveOptions.IGNORE_MISSING_FILES);
        ResourceId folder = folderOf(output);
        if ("file".equals(folder.getScheme())) {
            // Object stores have no folders; a local one is removed once empty.
            FileSystems.delete(List.of(folder), StandardMoveOptions.IGNORE_MISSING_FILES);
        }
        return new WrittenShards(stats, counts);
    }

    private static WrittenShard read(ResourceId report, String shard) throws IOException {
        try (InputStream in = Channels.newInputStream(FileSystems.open(report))) {
            return WrittenShard.parse(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), report.toString());
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw new IllegalStateException(
                    "shard " + shard + " has no writer's report (" + report + ")", e);
        }
    }

    private static ResourceId folderOf(String output) {
        return FileSystems.matchNewResource(output, true)
                .resolve(FOLDER, StandardResolveOptions.RESOLVE_DIRECTORY);
    }

    private static ResourceId reportOf(String output, String relativePath) {
        return folderOf(output)
                .resolve(
                        relativePath.replace('/', '.') + ".txt",
                        StandardResolveOptions.RESOLVE_FILE);
    }

    /**
     * @return the shards, in the order they were asked for
     */
    List<ShardStat> shards() {
        return shards;
    }

    /**
     * @return record count per label over all shards
     */
    Map<Integer, Long> classCounts() {
        return classCounts;
    }
}
