package org.pdml.eval.retrieval;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Exact top-k of one score row under the order (−score, index): larger scores first, equal scores
 * by lower gallery index, the query's own gallery position skipped.
 *
 * <p>The engine's top-k returns the m largest scores in unspecified order among ties. Every item it
 * did not return scores ≤ the smallest returned score s_min; so if the k-th best candidate scores
 * strictly more than s_min (or all items were returned), no unreturned item can tie with it and
 * sorting the candidates by (−score, index) is exact. Otherwise the whole row is ranked.
 */
final class RowSelector {
    private RowSelector() {}

    /**
     * Selects from engine top-m candidates.
     *
     * @param vals {@code [m]} candidate scores (row slice)
     * @param idx {@code [m]} candidate gallery positions
     * @param self gallery position to skip, or −1
     * @param k neighbours wanted
     * @param complete whether the candidates are the whole row
     * @return {@code [k]} positions in rank order, or null when the boundary is ambiguous
     */
    static int[] fromCandidates(float[] vals, long[] idx, int self, int k, boolean complete) {
        float min = Float.POSITIVE_INFINITY;
        Integer[] cand = new Integer[vals.length];
        int c = 0;
        for (int j = 0; j < vals.length; j++) {
            min = Math.min(min, vals[j]);
            if (idx[j] != self) {
                cand[c++] = j;
            }
        }
        Integer[] sorted = Arrays.copyOf(cand, c);
        Arrays.sort(sorted, (a, b) -> compare(vals[a], idx[a], vals[b], idx[b]));
        if (c < k || (!complete && !(vals[sorted[k - 1]] > min))) {
            return null;
        }
        int[] out = new int[k];
        for (int r = 0; r < k; r++) {
            out[r] = (int) idx[sorted[r]];
        }
        return out;
    }

    /**
     * Ranks a whole row.
     *
     * @param row {@code [G]} scores
     * @param self gallery position to skip, or −1
     * @param k neighbours wanted, ≤ G − [self ≥ 0]
     * @return {@code [k]} positions in rank order
     */
    static int[] fromRow(float[] row, int self, int k) {
        Integer[] order =
                IntStream.range(0, row.length)
                        .filter(g -> g != self)
                        .boxed()
                        .toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> compare(row[a], a, row[b], b));
        int[] out = new int[k];
        for (int r = 0; r < k; r++) {
            out[r] = order[r];
        }
        return out;
    }

    /** IEEE comparison, so −0 and +0 tie and fall back to the index. */
    private static int compare(float sa, long ia, float sb, long ib) {
        if (sa > sb) {
            return -1;
        }
        if (sa < sb) {
            return 1;
        }
        return Long.compare(ia, ib);
    }
}
