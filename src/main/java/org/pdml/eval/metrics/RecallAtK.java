package org.pdml.eval.metrics;

/**
 * Recall@k in the DML sense: R@k = (1/|Q'|) Σ_{q∈Q'} 1[∃ i ≤ k : rel_q(i) = 1], over the evaluated
 * queries Q' (R_q &gt; 0). R@1 equals Precision@1.
 */
public final class RecallAtK {
    private RecallAtK() {}

    /**
     * @param n ranked neighbour labels
     * @param k number of nearest neighbours considered, 1 ≤ k ≤ depth
     * @return R@k in [0, 1]
     * @throws IllegalArgumentException if k &lt; 1, k exceeds the depth, or no query is evaluated
     */
    public static double compute(NeighbourLabels n, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("Recall@k needs k >= 1, got " + k);
        }
        n.requireDepth(k, "Recall@" + k);
        n.requireEvaluated("Recall@" + k);
        long hits = 0;
        for (int q = 0; q < n.queryCount(); q++) {
            if (n.evaluated(q) && hit(n, q, k)) {
                hits++;
            }
        }
        return hits / (double) n.evaluatedCount();
    }

    /**
     * @param n ranked neighbour labels
     * @param q query index
     * @param k number of neighbours considered
     * @return whether any of the k nearest neighbours of q has its label
     */
    public static boolean hit(NeighbourLabels n, int q, int k) {
        for (int i = 0; i < k; i++) {
            if (n.relevantAt(q, i)) {
                return true;
            }
        }
        return false;
    }
}
