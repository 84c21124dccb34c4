package org.pdml.eval.metrics;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Selective retrieval: answer only the most confident queries. Among the N evaluated queries (R_q
 * &gt; 0), ranked by decreasing confidence κ with equal κ by lower query index, coverage c (in
 * percent) answers the top ⌈c·N/100⌉ and reports R@1 ({@link RecallAtK}) and MAP@R ({@link MapAtR})
 * over those alone. At 100% these are the ordinary R@1 and MAP@R.
 */
public final class RiskCoverage {
    private RiskCoverage() {}

    /**
     * One coverage level.
     *
     * @param percent coverage c in percent, 1..100
     * @param answered queries answered, ⌈c·N/100⌉
     * @param recallAt1 R@1 over the answered queries
     * @param mapAtR MAP@R over the answered queries
     * @param minConfidence the smallest κ among them (the implied threshold)
     */
    public record Point(
            int percent, int answered, double recallAt1, double mapAtR, double minConfidence) {}

    /**
     * @param percent coverage in percent, 1..100
     * @param n number of queries N ≥ 0
     * @return ⌈percent·n/100⌉, in exact integer arithmetic
     * @throws IllegalArgumentException if percent is outside 1..100
     */
    public static int answered(int percent, int n) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("coverage must be 1..100 %, got " + percent);
        }
        return (int) (((long) percent * n + 99) / 100);
    }

    /**
     * @param n ranked neighbour labels with depth ≥ max R_q
     * @param kappa {@code [Q]} confidence of every query (excluded ones are ignored)
     * @param percent coverage in percent, 1..100
     * @return the metrics over the answered queries
     * @throws IllegalArgumentException if no query is evaluated, lengths differ, or κ is NaN
     */
    public static Point at(NeighbourLabels n, double[] kappa, int percent) {
        if (kappa.length != n.queryCount()) {
            throw new IllegalArgumentException(
                    kappa.length + " confidences for " + n.queryCount() + " queries");
        }
        n.requireEvaluated("risk-coverage");
        int[] evaluated = IntStream.range(0, n.queryCount()).filter(n::evaluated).toArray();
        double[] k = Arrays.stream(evaluated).mapToDouble(q -> kappa[q]).toArray();
        int[] order = ConfidenceOrder.descending(k);
        int m = answered(percent, evaluated.length);
        int[] top = Arrays.stream(order, 0, m).map(r -> evaluated[r]).toArray();
        NeighbourLabels answered = n.select(top);
        return new Point(
                percent,
                m,
                RecallAtK.compute(answered, 1),
                MapAtR.compute(answered),
                k[order[m - 1]]);
    }
}
