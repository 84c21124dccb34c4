package org.pdml.eval.metrics;

/** Brier score of binary predictions: BS = (1/N) Σ_i (p_i − 1[correct_i])². */
public final class BrierScore {
    private BrierScore() {}

    /**
     * @param confidence {@code [N]} predicted probabilities in [0, 1]
     * @param correct {@code [N]} outcomes
     * @return BS in [0, 1]
     * @throws IllegalArgumentException on length mismatch, empty input or confidence outside [0, 1]
     */
    public static double compute(double[] confidence, boolean[] correct) {
        ReliabilityDiagram.validate(confidence, correct, 1);
        double s = 0;
        for (int i = 0; i < confidence.length; i++) {
            double d = confidence[i] - (correct[i] ? 1 : 0);
            s += d * d;
        }
        return s / confidence.length;
    }
}
