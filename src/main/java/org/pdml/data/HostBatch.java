package org.pdml.data;

/**
 * A decoded, transformed batch in host memory, ready to be copied into an NDArray.
 *
 * @param pixels row-major {@code [B, C, H, W]} float32 values (normalised)
 * @param labels {@code [B]} class indices 0..C−1 of the run's classes
 * @param rows {@code [B]} record indices in the split
 * @param channels C
 * @param height H
 * @param width W
 */
public record HostBatch(
        float[] pixels, long[] labels, int[] rows, int channels, int height, int width) {

    /** Returns B, the number of images. */
    public int size() {
        return rows.length;
    }
}
