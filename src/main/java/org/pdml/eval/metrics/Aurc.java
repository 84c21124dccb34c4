package org.pdml.eval.metrics;

/**
 * The risk–coverage curve and its area, AURC (Geifman &amp; El-Yaniv, "Selective classification for
 * deep neural networks", 2017; Geifman et al., "Bias-reduced uncertainty estimation", 2019). Rank
 * the N queries by decreasing confidence (κ = ‖z‖); risk(top-i) is the error rate (here 1 − R@1
 * correctness) among the i most confident, and
 *
 * <pre>
 * AURC = (1/N) Σ_{i=1..N} risk(top-i)
 * </pre>
 *
 * in [0, 1], lower is better; a confidence that ranks every error last gives the minimum for that
 * error rate, and a random one about the overall error rate.
 *
 * <p><b>Ties.</b> When several queries share a confidence, no order among them is better founded
 * than another, so risk(top-i) for an i inside a tie block is its expectation over a uniformly
 * random order of the block: with s queries and E errors before the block, and b queries with e
 * errors in it, risk(top-(s+j)) = (E + j·e/b)/(s + j) for j = 1..b. At the end of every block this
 * is exactly the error rate of the threshold set {κ ≥ κ_block}. The result does not depend on the
 * order of the input.
 */
public final class Aurc {
    private Aurc() {}

    /**
     * @param confidence {@code [N]} confidences, higher meaning "more likely correct"
     * @param correct {@code [N]} whether each query's answer is correct
     * @return {@code [N]} risk(top-i) for i = 1..N (entry i−1), ties as in the class comment
     * @throws IllegalArgumentException if the lengths differ or a confidence is NaN
     */
    public static double[] riskCurve(double[] confidence, boolean[] correct) {
        ConfidenceOrder.requireSameLength(confidence, correct);
        int[] order = ConfidenceOrder.descending(confidence);
        double[] risk = new double[order.length];
        int errorsBefore = 0;
        for (int start = 0; start < order.length; ) {
            int end = ConfidenceOrder.blockEnd(confidence, order, start);
            int errors = 0;
            for (int r = start; r < end; r++) {
                errors += correct[order[r]] ? 0 : 1;
            }
            double perQuery = errors / (double) (end - start);
            for (int j = 1; j <= end - start; j++) {
                risk[start + j - 1] = (errorsBefore + j * perQuery) / (start + j);
            }
            errorsBefore += errors;
            start = end;
        }
        return risk;
    }

    /**
     * @param confidence {@code [N]} confidences, higher meaning "more likely correct"
     * @param correct {@code [N]} whether each query's answer is correct
     * @return AURC in [0, 1]
     * @throws IllegalArgumentException if N = 0, the lengths differ or a confidence is NaN
     */
    public static double compute(double[] confidence, boolean[] correct) {
        if (confidence.length == 0) {
            throw new IllegalArgumentException("AURC needs at least one query");
        }
        double sum = 0;
        for (double r : riskCurve(confidence, correct)) {
            sum += r;
        }
        return sum / confidence.length;
    }
}
