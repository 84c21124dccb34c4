package org.pdml.preprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.ShardScan;
import org.pdml.artifacts.ShardScanner;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Role;
import org.pdml.preprocess.index.Split;
import org.pdml.records.ImageRecord;
import org.pdml.records.ImageRecordCodec;
import org.pdml.records.ShardName;
import org.pdml.records.ShardNames;
import org.pdml.records.TfRecordReader;
import org.pdml.records.TfRecordWriter;

/**
 * A test fixture that writes an examples folder from records held in memory, without Beam and
 * without images to decode, and commits it with the manifest that preprocessing writes for such a
 * folder: the manifest comes from {@link ManifestWriter#build}, the shard stats from the verifier's
 * {@link ShardScanner} and the commit from {@link ExamplesArtifact#commit}. Only the placing of
 * records in shards is done here ({@link ShardNames#shardOf}, records in input order), since the
 * pipeline's shard writer takes index entries and image files, not records.
 */
public final class ExamplesFolders {
    private ExamplesFolders() {}

    /**
     * Writes, then commits, an examples folder.
     *
     * @param dir the examples folder (created if needed; shards there are overwritten)
     * @param dataset the dataset name the manifest records
     * @param records records whose split is {@code train}, {@code val} or {@code test} and whose
     *     role is {@code all}, {@code query} or {@code gallery}
     * @param shardsPerSplit shards per split, &ge; 1
     * @param gzip whether shards are {@code .tfrecord.gz}
     * @return the committed manifest
     * @throws IOException if writing fails
     */
    public static ExamplesManifest write(
            Path dir,
            String dataset,
            Collection<ImageRecord> records,
            int shardsPerSplit,
            boolean gzip)
            throws IOException {
        writeShards(dir, records, shardsPerSplit, gzip);
        return commit(dir, dataset);
    }

    /**
     * Writes the shards only (no manifest): record r goes to shard {@code shardOf(r.id, n)} of its
     * split, in input order; every shard of a split that has a record is created, empty or not.
     *
     * @param dir the examples folder (created if needed; shards there are overwritten)
     * @param records records with a non-empty split each
     * @param shardsPerSplit shards per split, &ge; 1
     * @param gzip whether shards are {@code .tfrecord.gz}
     * @return the shard paths written, relative to the folder, by split name then index
     * @throws IllegalArgumentException naming the record if its split is empty
     * @throws IOException if writing fails
     */
    public static List<String> writeShards(
            Path dir, Collection<ImageRecord> records, int shardsPerSplit, boolean gzip)
            throws IOException {
        Map<String, List<ImageRecord>> byShard = new TreeMap<>();
        for (ImageRecord r : records) {
            if (r.split().isEmpty()) {
                throw new IllegalArgumentException("record '" + r.id() + "' has no split");
            }
            for (int i = 0; i < shardsPerSplit; i++) {
                byShard.computeIfAbsent(
                        new ShardName(r.split(), i, shardsPerSplit, gzip).relativePath(),
                        p -> new ArrayList<>());
            }
            int shard = ShardNames.shardOf(r.id(), shardsPerSplit);
            byShard.get(new ShardName(r.split(), shard, shardsPerSplit, gzip).relativePath())
                    .add(r);
        }
        for (Map.Entry<String, List<ImageRecord>> e : byShard.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            try (TfRecordWriter w = TfRecordWriter.open(file)) {
                for (ImageRecord r : e.getValue()) {
                    w.write(ImageRecordCodec.encode(r));
                }
            }
        }
        return List.copyOf(byShard.keySet());
    }

    /**
     * Commits the folder over every shard on disk: each shard is scanned, its records become the
     * index, and {@link ManifestWriter#build} makes the manifest (options at their defaults but for
     * the shard count and the records' encoding; no rejects, no sources).
     *
     * @param dir the examples folder
     * @param dataset the dataset name the manifest records
     * @return the committed manifest
     * @throws IllegalStateException naming the shard and offset if a shard is damaged
     * @throws IOException if a shard cannot be read or the manifest written
     */
    public static ExamplesManifest commit(Path dir, String dataset) throws IOException {
        ExamplesArtifact artifact = ExamplesArtifact.at(dir);
        List<IndexEntry> entries = new ArrayList<>();
        List<ShardStat> shards = new ArrayList<>();
        Map<Integer, Long> classCounts = new TreeMap<>();
        PreprocessOptions options = PipelineOptionsFactory.as(PreprocessOptions.class);
        for (String rel : artifact.allShardsOnDisk()) {
            ShardScan scan = ShardScanner.scan(dir, rel);
            scan.problem()
                    .ifPresent(
                            p -> {
                                throw new IllegalStateException("damaged shard: " + p);
                            });
            shards.add(new ShardStat(rel, scan.recordCount(), scan.sha256(), scan.sizeBytes()));
            scan.labelCounts().forEach((label, n) -> classCounts.merge(label, n, Long::sum));
            options.setNumShards(ShardNames.parse(rel).count());
            readIndex(dir.resolve(rel), entries, options);
        }
        PreprocessSummary summary =
                new PreprocessSummary(
                        entries.size(), entries.size(), Map.of(), shards, classCounts);
        PreparedDataset prepared =
                new PreparedDataset(
                        dataset,
                        dir.toString(),
                        entries,
                        PreparedDataset.classesOf(entries),
                        List.of());
        ExamplesManifest manifest = ManifestWriter.build(options, prepared, summary);
        artifact.commit(manifest);
        return manifest;
    }

    /** Adds an index entry per record of the shard; the encoding option takes the records'. */
    private static void readIndex(Path shard, List<IndexEntry> entries, PreprocessOptions options)
            throws IOException {
        try (TfRecordReader reader = TfRecordReader.open(shard)) {
            for (byte[] b = reader.next(); b != null; b = reader.next()) {
                ImageRecord r = ImageRecordCodec.decode(b);
                options.setEncoding(r.format());
                entries.add(
                        new IndexEntry(
                                r.id(),
                                r.source(),
                                r.label(),
                                r.classText(),
                                Split.parse(r.split()),
                                Role.parse(r.role())));
            }
        }
    }
}
