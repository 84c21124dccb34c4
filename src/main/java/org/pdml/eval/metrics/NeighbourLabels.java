package org.pdml.eval.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * The labels of each query's ranked neighbours, with its label and R_q: the input of every
 * retrieval metric.
 *
 * <p>Row q of {@code neighbours} holds the labels of the nearest gallery items in rank order (self
 * excluded); all rows have the same length, the depth k. R_q = |{g ≠ q : y_g = y_q}|.
 */
public final class NeighbourLabels {
    private final long[] queryLabels;
    private final long[][] neighbours;
    private final int[] relevant;

    /**
     * @param queryLabels {@code [Q]} query labels
     * @param neighbours {@code [Q][k]} neighbour labels in rank order
     * @param relevant {@code [Q]} R_q per query
     * @throws IllegalArgumentException if lengths disagree or rows differ in length
     */
    public NeighbourLabels(long[] queryLabels, long[][] neighbours, int[] relevant) {
        if (neighbours.length != queryLabels.length || relevant.length != queryLabels.length) {
            throw new IllegalArgumentException(
                    "queries "
                            + queryLabels.length
                            + ", neighbour rows "
                            + neighbours.length
                            + ", R_q entries "
                            + relevant.length
                            + " must agree");
        }
        for (int q = 0; q < neighbours.length; q++) {
            if (neighbours[q].length != neighbours[0].length) {
                throw new IllegalArgumentException(
                        "neighbour row "
                                + q
                                + " has length "
                                + neighbours[q].length
                                + ", row 0 has "
                                + neighbours[0].length);
            }
        }
        this.queryLabels = queryLabels.clone();
        this.neighbours = neighbours;
        this.relevant = relevant.clone();
    }

    /**
     * Counts R_q for every query.
     *
     * @param queryLabels {@code [Q]} query labels
     * @param galleryLabels {@code [G]} gallery labels
     * @param selfInGallery {@code [Q]} gallery position of the query itself, or −1 if absent
     * @return {@code [Q]} R_q = |{g : y_g = y_q}| − [query is in the gallery]
     */
    public static int[] relevantCounts(
            long[] queryLabels, long[] galleryLabels, int[] selfInGallery) {
        Map<Long, Integer> counts = new HashMap<>();
        for (long y : galleryLabels) {
            counts.merge(y, 1, Integer::sum);
        }
        int[] r = new int[queryLabels.length];
        for (int q = 0; q < r.length; q++) {
            r[q] = counts.getOrDefault(queryLabels[q], 0) - (selfInGallery[q] >= 0 ? 1 : 0);
        }
        return r;
    }

    /**
     * The same queries restricted to some rows, for metrics over a subset (e.g. the most confident
     * ones, {@link RiskCoverage}).
     *
     * @param rows query indices to keep, in the order they get in the result
     * @return labels of those queries with their neighbours, depth and R_q unchanged
     */
    public NeighbourLabels select(int[] rows) {
        long[] y = new long[rows.length];
        long[][] nb = new long[rows.length][];
        int[] r = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = queryLabels[rows[i]];
            nb[i] = neighbours[rows[i]];
            r[i] = relevant[rows[i]];
        }
        return new NeighbourLabels(y, nb, r);
    }

    /**
     * @return Q, the number of queries including excluded ones
     */
    public int queryCount() {
        return queryLabels.length;
    }

    /**
     * @return k, the number of ranked neighbours per query
     */
    public int depth() {
        return neighbours.length == 0 ? 0 : neighbours[0].length;
    }

    /**
     * @param q query index
     * @return whether the query is evaluated (R_q &gt; 0)
     */
    public boolean evaluated(int q) {
        return relevant[q] > 0;
    }

    /**
     * @return the number of queries with R_q = 0, excluded from every metric
     */
    public int excludedCount() {
        int n = 0;
        for (int r : relevant) {
            n += r == 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * @return the number of evaluated queries (R_q &gt; 0)
     */
    public int evaluatedCount() {
        return queryCount() - excludedCount();
    }

    /**
     * @return max_q R_q over evaluated queries (0 if none)
     */
    public int maxRelevant() {
        int m = 0;
        for (int r : relevant) {
            m = Math.max(m, r);
        }
        return m;
    }

    /**
     * @param q query index
     * @return R_q
     */
    public int relevant(int q) {
        return relevant[q];
    }

    /**
     * @param q query index
     * @param i 0-based rank
     * @return rel_q(i+1): whether the neighbour at rank i has the query's label
     */
    public boolean relevantAt(int q, int i) {
        return neighbours[q][i] == queryLabels[q];
    }

    /**
     * @param q query index
     * @param i 0-based rank
     * @return the label of the neighbour at rank i
     */
    public long labelAt(int q, int i) {
        return neighbours[q][i];
    }

    /**
     * @param q query index
     * @return y_q
     */
    public long queryLabel(int q) {
        return queryLabels[q];
    }

    /**
     * Fails unless every evaluated query has at least {@code need} neighbours.
     *
     * @param need the required depth
     * @param metric the metric name for the message
     * @throws IllegalArgumentException if depth &lt; need
     */
    void requireDepth(int need, String metric) {
        if (depth() < need) {
            throw new IllegalArgumentException(
                    metric
                            + " needs k >= "
                            + need
                            + " neighbours per query but only "
                            + depth()
                            + " were retrieved");
        }
    }

    /**
     * Fails unless there is at least one evaluated query.
     *
     * @param metric the metric name for the message
     * @throws IllegalArgumentException if every query has R_q = 0
     */
    void requireEvaluated(String metric) {
        if (evaluatedCount() == 0) {
            throw new IllegalArgumentException(
                    metric
                            + ": no query has a same-label reference (all "
                            + queryCount()
                            + " have R_q = 0)");
        }
    }
}
