package org.pdml.eval.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Area under the ROC curve by the Mann–Whitney statistic with average ranks for ties, equal to
 * scikit-learn's {@code roc_auc_score}:
 *
 * <pre>
 * AUROC = (Σ_{i positive} rank_i − n₊(n₊+1)/2) / (n₊ n₋)
 * </pre>
 *
 * where rank_i is the 1-based rank of score i in ascending order, tied scores sharing the mean of
 * their ranks (a tie between a positive and a negative counts ½).
 */
public final class Auroc {
    private Auroc() {}

    /**
     * @param scores {@code [N]} confidence scores, higher meaning "more likely positive"
     * @param positive {@code [N]} ground truth
     * @return AUROC in [0, 1], or NaN when either class is empty (undefined)
     * @throws IllegalArgumentException if lengths differ or a score is NaN
     */
    public static double compute(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(
                    "scores (" + scores.length + ") and labels (" + positive.length + ") differ");
        }
        double[] ranks = averageRanks(scores);
        long nPos = 0;
        double rankSum = 0;
        for (int i = 0; i < scores.length; i++) {
            if (positive[i]) {
                nPos++;
                rankSum += ranks[i];
            }
        }
        long nNeg = scores.length - nPos;
        if (nPos == 0 || nNeg == 0) {
            return Double.NaN;
        }
        return (rankSum - nPos * (nPos + 1) / 2.0) / ((double) nPos * nNeg);
    }

    /**
     * @param scores {@code [N]} values
     * @return {@code [N]} 1-based ascending ranks, ties sharing their mean rank
     * @throws IllegalArgumentException if a score is NaN
     */
    static double[] averageRanks(double[] scores) {
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
        }
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double[] ranks = new double[scores.length];
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double mean = (start + end) / 2.0 + 1;
            for (int j = start; j <= end; j++) {
                ranks[order[j]] = mean;
            }
            start = end + 1;
        }
        return ranks;
    }
}
