package org.pdml.data;

/**
 * Turns record {@code row} of a split into a normalised float image {@code [C, H, W]}. The result
 * must depend only on the row and the seed, never on the calling thread or call order: that is what
 * makes batches reproducible across worker counts and across a resume.
 */
@FunctionalInterface
public interface SampleTransform {
    /**
     * Decodes and transforms one record.
     *
     * @param row record index in the split
     * @param seed per-sample seed (augmentation randomness)
     * @return row-major {@code [C, H, W]} values
     */
    float[] apply(int row, long seed);
}
