package org.pdml.data;

import java.util.Arrays;

/**
 * Maps a split's dataset labels (dense over the whole dataset) to class indices 0..C−1 of that
 * split, in increasing label order: the proxies of a training run are indexed by these.
 */
public final class LabelIndex {
    private final long[] labels;

    private LabelIndex(long[] sortedDistinct) {
        this.labels = sortedDistinct;
    }

    /**
     * Builds the index of the distinct labels present.
     *
     * @param datasetLabels {@code [N]} labels of a split
     * @return the index
     */
    public static LabelIndex of(long[] datasetLabels) {
        return new LabelIndex(Arrays.stream(datasetLabels).distinct().sorted().toArray());
    }

    /** Returns C, the number of classes. */
    public int classCount() {
        return labels.length;
    }

    /**
     * Returns the class index of a dataset label.
     *
     * @param datasetLabel a label present in the split
     * @return its index in [0, C)
     * @throws IllegalArgumentException if the label is not in the split
     */
    public int indexOf(long datasetLabel) {
        int i = Arrays.binarySearch(labels, datasetLabel);
        if (i < 0) {
            throw new IllegalArgumentException("label " + datasetLabel + " is not in this split");
        }
        return i;
    }

    /**
     * Maps every dataset label to its class index.
     *
     * @param datasetLabels labels present in the split
     * @return class indices, same order
     */
    public int[] indicesOf(long[] datasetLabels) {
        int[] out = new int[datasetLabels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = indexOf(datasetLabels[i]);
        }
        return out;
    }
}
