package org.pdml.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pdml.artifacts.VerifiedExamples;
import org.pdml.records.ImageRecord;

/**
 * All records of one split of an examples folder, held in memory as encoded bytes (decoding happens
 * per batch in the loader). Records come only through {@link VerifiedExamples}: the shards are
 * checked against the manifest (list, sizes, record counts, SHA-256 streamed while reading, every
 * CRC) before a split is returned, so a damaged or incomplete folder fails here naming the shard.
 */
public final class SplitImages {
    private final String split;
    private final List<ImageRecord> records;

    private SplitImages(String split, List<ImageRecord> records) {
        this.split = split;
        this.records = List.copyOf(records);
    }

    /**
     * Opens, verifies and reads one split of an examples folder.
     *
     * @param examplesDir folder written by {@code pdml preprocess}
     * @param split split name ("train", "val", "test")
     * @return the split's records in shard order
     * @throws org.pdml.artifacts.DamagedArtifactException naming the file if the folder does not
     *     match its manifest
     * @throws IOException if a shard cannot be read
     * @throws IllegalArgumentException if the manifest has no such split
     */
    public static SplitImages load(Path examplesDir, String split) throws IOException {
        return load(VerifiedExamples.open(examplesDir), split);
    }

    /**
     * Reads one split of an opened examples folder, verifying its shards in the same pass.
     *
     * @param examples the opened folder
     * @param split split name
     * @return the split's records in shard order
     * @throws org.pdml.artifacts.DamagedArtifactException naming the shard on a mismatch
     * @throws IOException if a shard cannot be read
     * @throws IllegalArgumentException if the manifest has no such split
     */
    public static SplitImages load(VerifiedExamples examples, String split) throws IOException {
        return new SplitImages(split, examples.read(split));
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
