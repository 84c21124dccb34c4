package org.pdml.artifacts;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pdml.records.ImageRecord;
import org.pdml.records.ImageRecordCodec;
import org.pdml.records.ShardName;
import org.pdml.records.ShardNames;
import org.pdml.records.TfRecordWriter;

/**
 * Writes an in-memory collection of records as an examples folder without Beam: records go to
 * {@code <split>/part-SSSSS-of-NNNNN.tfrecord} by {@link ShardNames#shardOf(String, int)} in their
 * input order; every shard file of a split is created, even if empty. Used for fixtures and small
 * datasets; the manifest is assembled and committed by the caller.
 */
public final class ExamplesWriter {

    private ExamplesWriter() {}

    /**
     * Writes the shards.
     *
     * @param artifact the examples folder (created if needed; existing shards are overwritten)
     * @param records records with a non-empty split each
     * @param shardsPerSplit number of shards per split, &ge; 1
     * @param gzip whether to write {@code .tfrecord.gz}
     * @return the shard paths written, relative to the folder
     * @throws IllegalArgumentException naming the record if its split is empty
     * @throws IOException if writing fails
     */
    public static List<String> writeShards(
            ExamplesArtifact artifact,
            Collection<ImageRecord> records,
            int shardsPerSplit,
            boolean gzip)
            throws IOException {
        Map<String, List<List<ImageRecord>>> bySplit = new TreeMap<>();
        for (ImageRecord r : records) {
            if (r.split().isEmpty()) {
                throw new IllegalArgumentException("record '" + r.id() + "' has no split");
            }
            List<List<ImageRecord>> shards =
                    bySplit.computeIfAbsent(r.split(), s -> emptyShards(shardsPerSplit));
            shards.get(ShardNames.shardOf(r.id(), shardsPerSplit)).add(r);
        }
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, List<List<ImageRecord>>> e : bySplit.entrySet()) {
            Files.createDirectories(artifact.dir().resolve(e.getKey()));
            for (int i = 0; i < shardsPerSplit; i++) {
                String rel = new ShardName(e.getKey(), i, shardsPerSplit, gzip).relativePath();
                try (TfRecordWriter w = TfRecordWriter.open(artifact.dir().resolve(rel))) {
                    for (ImageRecord r : e.getValue().get(i)) {
                        w.write(ImageRecordCodec.encode(r));
                    }
                }
                written.add(rel);
            }
        }
        return written;
    }

    private static List<List<ImageRecord>> emptyShards(int n) {
        List<List<ImageRecord>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        return out;
    }
}
