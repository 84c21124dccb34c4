package org.pdml.eval.metrics;

/**
 * Expected calibration error over B equal-width bins ({@link ReliabilityDiagram}):
 *
 * <pre>
 * ECE = Σ_b (n_b / N) |acc_b − conf_b|
 * </pre>
 *
 * (empty bins contribute 0).
 */
public final class ExpectedCalibrationError {
    private ExpectedCalibrationError() {}

    /**
     * @param confidence {@code [N]} predicted probabilities in [0, 1]
     * @param correct {@code [N]} whether each prediction was right
     * @param bins B ≥ 1 (the paper's protocol uses 15)
     * @return ECE in [0, 1]
     * @throws IllegalArgumentException on length mismatch, empty input or confidence outside [0, 1]
     */
    public static double compute(double[] confidence, boolean[] correct, int bins) {
        double ece = 0;
        for (ReliabilityBin b : ReliabilityDiagram.compute(confidence, correct, bins)) {
            if (b.count() > 0) {
                ece +=
                        b.count()
                                / (double) confidence.length
                                * Math.abs(b.accuracy() - b.meanConfidence());
            }
        }
        return ece;
    }
}
