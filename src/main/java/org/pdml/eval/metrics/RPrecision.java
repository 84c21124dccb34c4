package org.pdml.eval.metrics;

/**
 * R-Precision: RP = (1/|Q'|) Σ_{q∈Q'} (1/R_q) Σ_{i≤R_q} rel_q(i), over the evaluated queries Q'
 * (R_q &gt; 0). Requires a depth k ≥ max_q R_q.
 */
public final class RPrecision {
    private RPrecision() {}

    /**
     * @param n ranked neighbour labels with depth ≥ max R_q
     * @return RP in [0, 1]
     * @throws IllegalArgumentException if the depth is below max R_q or no query is evaluated
     */
    public static double compute(NeighbourLabels n) {
        n.requireDepth(n.maxRelevant(), "R-Precision (k >= max R_q)");
        n.requireEvaluated("R-Precision");
        double sum = 0;
        for (int q = 0; q < n.queryCount(); q++) {
            if (!n.evaluated(q)) {
                continue;
            }
            int r = n.relevant(q);
            int hits = 0;
            for (int i = 0; i < r; i++) {
                hits += n.relevantAt(q, i) ? 1 : 0;
            }
            sum += hits / (double) r;
        }
        return sum / n.evaluatedCount();
    }
}
