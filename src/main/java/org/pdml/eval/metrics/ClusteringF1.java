package org.pdml.eval.metrics;

/**
 * Pairwise clustering F1 (the DML papers' "F1", e.g. Song et al. 2016): over all unordered pairs of
 * items, a pair is predicted positive when both share a cluster and truly positive when both also
 * share a label. From the contingency table n_{ck} with marginals a_c, b_k:
 *
 * <pre>
 * TP = Σ_{c,k} C(n_{ck}, 2),   P = TP / Σ_k C(b_k, 2),   R = TP / Σ_c C(a_c, 2)
 * F1 = 2PR / (P + R) = 2 TP / (Σ_k C(b_k, 2) + Σ_c C(a_c, 2))
 * </pre>
 *
 * When no pair shares a cluster or a label (all singletons on both sides) the partitions agree and
 * F1 = 1 by convention; otherwise an empty P or R side counts as 0.
 */
public final class ClusteringF1 {
    private ClusteringF1() {}

    /**
     * @param labels {@code [N]} class labels
     * @param clusters {@code [N]} cluster ids
     * @return pairwise F1 in [0, 1]
     * @throws IllegalArgumentException if lengths differ or N = 0
     */
    public static double compute(long[] labels, int[] clusters) {
        return compute(ContingencyTable.of(labels, clusters));
    }

    /**
     * @param table the contingency table of labels against clusters
     * @return pairwise F1 in [0, 1]
     */
    public static double compute(ContingencyTable table) {
        double truePairs = 0;
        double sameClass = 0;
        double sameCluster = 0;
        for (int c = 0; c < table.classCount(); c++) {
            sameClass += pairs(table.classSize(c));
            for (int k = 0; k < table.clusterCount(); k++) {
                truePairs += pairs(table.count(c, k));
            }
        }
        for (int k = 0; k < table.clusterCount(); k++) {
            sameCluster += pairs(table.clusterSize(k));
        }
        double denominator = sameClass + sameCluster;
        return denominator == 0 ? 1.0 : 2 * truePairs / denominator;
    }

    /** C(n, 2) as a double: exact for n below 2^26, far beyond any evaluated split. */
    private static double pairs(long n) {
        return n * (double) (n - 1) / 2;
    }
}
