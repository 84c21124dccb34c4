package org.pdml.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.pdml.records.ImageRecord;
import org.pdml.records.ImageRecordCodec;
import org.pdml.records.ShardNames;
import org.pdml.records.TfRecordReader;

/**
 * All records of one split of an examples folder, held in memory as encoded bytes (decoding happens
 * per batch in the loader). Shards are read in name order and every CRC is checked, so a corrupt
 * shard fails here with its path and byte offset.
 */
public final class SplitImages {
    private final String split;
    private final List<ImageRecord> records;

    private SplitImages(String split, List<ImageRecord> records) {
        this.split = split;
        this.records = List.copyOf(records);
    }

    /**
     * Reads {@code <examplesDir>/<split>/part-*.tfrecord[.gz]}.
     *
     * @param examplesDir folder written by {@code pdml preprocess}
     * @param split split name ("train", "val", "test")
     * @return the split's records in shard order
     * @throws IOException if a shard cannot be read or is corrupt
     * @throws IllegalArgumentException if the split folder has no shards
     */
    public static SplitImages load(Path examplesDir, String split) throws IOException {
        List<Path> shards = shardsOf(examplesDir.resolve(split));
        if (shards.isEmpty()) {
            throw new IllegalArgumentException(
                    "no shards for split '" + split + "' under " + examplesDir);
        }
        List<ImageRecord> out = new ArrayList<>();
        for (Path shard : shards) {
            try (TfRecordReader reader = TfRecordReader.open(shard)) {
                for (byte[] data = reader.next(); data != null; data = reader.next()) {
                    out.add(ImageRecordCodec.decode(data));
                }
            }
        }
        return new SplitImages(split, out);
    }

    /**
     * Tells whether an examples folder has shards for a split.
     *
     * @param examplesDir folder written by {@code pdml preprocess}
     * @param split split name
     * @return true if {@code <examplesDir>/<split>} holds at least one shard
     */
    public static boolean hasSplit(Path examplesDir, String split) {
        return !shardsOf(examplesDir.resolve(split)).isEmpty();
    }

    /**
     * Lists a split folder's shard files in name order.
     *
     * @param splitDir the split folder
     * @return shard paths; empty when the folder does not exist
     */
    static List<Path> shardsOf(Path splitDir) {
        if (!Files.isDirectory(splitDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(splitDir)) {
            return files.filter(p -> isShard(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + splitDir, e);
        }
    }

    private static boolean isShard(String name) {
        return name.endsWith(ShardNames.SUFFIX) || name.endsWith(ShardNames.GZIP_SUFFIX);
    }

    /** Returns the split name. */
    public String split() {
        return split;
    }

    /** Returns the number of records N. */
    public int size() {
        return records.size();
    }

    /**
     * Returns record i.
     *
     * @param i index in [0, N)
     * @return the record
     */
    public ImageRecord get(int i) {
        return records.get(i);
    }

    /**
     * Returns the dataset labels of all records, in order.
     *
     * @return {@code [N]} labels
     */
    public long[] labels() {
        long[] labels = new long[records.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = records.get(i).label();
        }
        return labels;
    }
}
