package org.pdml.eval.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The ranking of items by confidence shared by {@link RiskCoverage}, {@link Aurc} and {@link
 * AbstainThreshold}: most confident first, equal confidences by lower index, so that a tie block (a
 * maximal run of equal confidences) is contiguous.
 */
final class ConfidenceOrder {
    private ConfidenceOrder() {}

    /**
     * @param confidence {@code [N]} confidences, e.g. κ = ‖z‖
     * @return {@code [N]} item indices by decreasing confidence, ties by increasing index
     * @throws IllegalArgumentException if a confidence is NaN
     */
    static int[] descending(double[] confidence) {
        for (int i = 0; i < confidence.length; i++) {
            if (Double.isNaN(confidence[i])) {
                throw new IllegalArgumentException("confidence " + i + " is NaN");
            }
        }
        Integer[] order = IntStream.range(0, confidence.length).boxed().toArray(Integer[]::new);
        Arrays.sort(
                order,
                Comparator.<Integer>comparingDouble(i -> -confidence[i]).thenComparingInt(i -> i));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param confidence {@code [N]} confidences
     * @param order {@link #descending} of them
     * @param start first rank of a tie block
     * @return one past the last rank of that block
     */
    static int blockEnd(double[] confidence, int[] order, int start) {
        int end = start + 1;
        while (end < order.length && confidence[order[end]] == confidence[order[start]]) {
            end++;
        }
        return end;
    }

    /**
     * @param confidence {@code [N]}
     * @param correct {@code [N]}
     * @throws IllegalArgumentException if the lengths differ
     */
    static void requireSameLength(double[] confidence, boolean[] correct) {
        if (confidence.length != correct.length) {
            throw new IllegalArgumentException(
                    "confidences ("
                            + confidence.length
                            + ") and outcomes ("
                            + correct.length
                            + ") differ in length");
        }
    }
}
