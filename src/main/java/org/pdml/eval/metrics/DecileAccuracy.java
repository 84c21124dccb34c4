package org.pdml.eval.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Accuracy per confidence quantile group, the paper's uncertainty-awareness curve (R@1 per κ
 * decile). Items are sorted by ascending confidence (ties by lower index); with N items and G
 * groups, group g holds ranks ⌊gN/G⌋ … ⌊(g+1)N/G⌋ − 1, and its value is the fraction correct.
 */
public final class DecileAccuracy {
    private DecileAccuracy() {}

    /**
     * @param confidence {@code [N]} confidences (any scale, e.g. κ = ‖z‖)
     * @param correct {@code [N]} outcomes
     * @param groups G ≥ 1 (10 for deciles)
     * @return {@code [G]} accuracy per group from least to most confident (NaN for empty groups)
     * @throws IllegalArgumentException on length mismatch or G &lt; 1
     */
    public static double[] compute(double[] confidence, boolean[] correct, int groups) {
        if (confidence.length != correct.length || groups < 1) {
            throw new IllegalArgumentException(
                    "need equal lengths and groups >= 1 (got "
                            + confidence.length
                            + ", "
                            + correct.length
                            + ", "
                            + groups
                            + ")");
        }
        int n = confidence.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> confidence[i]));
        double[] out = new double[groups];
        for (int g = 0; g < groups; g++) {
            int from = (int) ((long) g * n / groups);
            int to = (int) ((long) (g + 1) * n / groups);
            int hits = 0;
            for (int r = from; r < to; r++) {
                hits += correct[order[r]] ? 1 : 0;
            }
            out[g] = to == from ? Double.NaN : hits / (double) (to - from);
        }
        return out;
    }
}
