package org.pdml.eval.retrieval;

/**
 * The k nearest gallery items of every query, in rank order.
 *
 * @param indices {@code [Q·k]} row-major gallery positions; row q is query q's neighbours
 * @param scores {@code [Q·k]} their similarities, non-increasing along each row
 * @param k neighbours per query
 */
public record Neighbours(int[] indices, float[] scores, int k) {

    /**
     * @return Q, the number of queries
     */
    public int queryCount() {
        return k == 0 ? 0 : indices.length / k;
    }

    /**
     * @param q query
     * @param rank 0-based rank
     * @return the gallery position of the neighbour
     */
    public int index(int q, int rank) {
        return indices[q * k + rank];
    }

    /**
     * @param q query
     * @param rank 0-based rank
     * @return the neighbour's similarity
     */
    public float score(int q, int rank) {
        return scores[q * k + rank];
    }

    /**
     * Maps neighbour positions to labels.
     *
     * @param galleryLabels {@code [G]} gallery labels
     * @return {@code [Q][k]} neighbour labels in rank order
     */
    public long[][] labels(long[] galleryLabels) {
        long[][] out = new long[queryCount()][k];
        for (int q = 0; q < out.length; q++) {
            for (int r = 0; r < k; r++) {
                out[q][r] = galleryLabels[index(q, r)];
            }
        }
        return out;
    }
}
