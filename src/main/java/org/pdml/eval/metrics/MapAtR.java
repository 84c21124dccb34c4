package org.pdml.eval.metrics;

/**
 * MAP@R (Musgrave et al., "A Metric Learning Reality Check", 2020):
 *
 * <pre>
 * MAP@R = (1/|Q'|) Σ_{q∈Q'} (1/R_q) Σ_{i≤R_q} P_q(i)·rel_q(i),   P_q(i) = (1/i) Σ_{j≤i} rel_q(j)
 * </pre>
 *
 * over the evaluated queries Q' (R_q &gt; 0). Requires a depth k ≥ max_q R_q.
 */
public final class MapAtR {
    private MapAtR() {}

    /**
     * @param n ranked neighbour labels with depth ≥ max R_q
     * @return MAP@R in [0, 1]
     * @throws IllegalArgumentException if the depth is below max R_q or no query is evaluated
     */
    public static double compute(NeighbourLabels n) {
        n.requireDepth(n.maxRelevant(), "MAP@R (k >= max R_q)");
        n.requireEvaluated("MAP@R");
        double sum = 0;
        for (int q = 0; q < n.queryCount(); q++) {
            if (n.evaluated(q)) {
                sum += averagePrecisionAtR(n, q);
            }
        }
        return sum / n.evaluatedCount();
    }

    private static double averagePrecisionAtR(NeighbourLabels n, int q) {
        int r = n.relevant(q);
        int hits = 0;
        double ap = 0;
        for (int i = 0; i < r; i++) {
            if (n.relevantAt(q, i)) {
                hits++;
                ap += hits / (double) (i + 1);
            }
        }
        return ap / r;
    }
}
