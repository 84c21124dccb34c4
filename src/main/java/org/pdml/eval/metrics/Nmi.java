package org.pdml.eval.metrics;

/**
 * Normalised mutual information with arithmetic normalisation, as scikit-learn's {@code
 * normalized_mutual_info_score(average_method="arithmetic")}:
 *
 * <pre>
 * NMI = I(Y; Ŷ) / max((H(Y) + H(Ŷ)) / 2, ε),   ε = 2.220446049250313e-16
 * </pre>
 *
 * and NMI = 1 when both labellings have a single value (perfect agreement by convention).
 */
public final class Nmi {
    private static final double EPS = Math.ulp(1.0);

    private Nmi() {}

    /**
     * @param labels {@code [N]} class labels
     * @param clusters {@code [N]} cluster ids
     * @return NMI in [0, 1]
     * @throws IllegalArgumentException if lengths differ or N = 0
     */
    public static double compute(long[] labels, int[] clusters) {
        return compute(ContingencyTable.of(labels, clusters));
    }

    /**
     * @param table the contingency table of labels against clusters
     * @return NMI in [0, 1]
     */
    public static double compute(ContingencyTable table) {
        if (table.classCount() == 1 && table.clusterCount() == 1) {
            return 1.0;
        }
        double mi = table.mutualInformation();
        double normaliser = (table.classEntropy() + table.clusterEntropy()) / 2;
        return mi / Math.max(normaliser, EPS);
    }
}
