package org.pdml.eval.metrics;

/** Precision@1 = (1/|Q'|) Σ_{q∈Q'} rel_q(1) over the evaluated queries Q' (R_q &gt; 0). */
public final class PrecisionAtOne {
    private PrecisionAtOne() {}

    /**
     * @param n ranked neighbour labels, depth ≥ 1
     * @return P@1 in [0, 1]
     * @throws IllegalArgumentException if the depth is 0 or no query is evaluated
     */
    public static double compute(NeighbourLabels n) {
        n.requireDepth(1, "Precision@1");
        n.requireEvaluated("Precision@1");
        long hits = 0;
        for (int q = 0; q < n.queryCount(); q++) {
            if (n.evaluated(q) && n.relevantAt(q, 0)) {
                hits++;
            }
        }
        return hits / (double) n.evaluatedCount();
    }

    /**
     * Per-query correctness of the nearest neighbour.
     *
     * @param n ranked neighbour labels, depth ≥ 1
     * @return {@code [Q]} rel_q(1) per query (excluded queries included, as false)
     */
    public static boolean[] correct(NeighbourLabels n) {
        n.requireDepth(1, "Precision@1");
        boolean[] out = new boolean[n.queryCount()];
        for (int q = 0; q < out.length; q++) {
            out[q] = n.evaluated(q) && n.relevantAt(q, 0);
        }
        return out;
    }
}
