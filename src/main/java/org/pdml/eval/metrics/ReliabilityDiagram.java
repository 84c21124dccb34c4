package org.pdml.eval.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Equal-width reliability bins. With B bins, bin b ∈ {0, …, B−1} holds confidences p with b/B &lt;
 * p ≤ (b+1)/B (bin 0 also holds p = 0); the edges are the doubles b/B, compared exactly.
 */
public final class ReliabilityDiagram {
    /** The default number of bins, 15. */
    public static final int DEFAULT_BINS = 15;

    private ReliabilityDiagram() {}

    /**
     * @param confidence {@code [N]} predicted probabilities in [0, 1]
     * @param correct {@code [N]} whether each prediction was right
     * @param bins B ≥ 1
     * @return B bins in ascending order
     * @throws IllegalArgumentException if lengths differ or a confidence is outside [0, 1]
     */
    public static List<ReliabilityBin> compute(double[] confidence, boolean[] correct, int bins) {
        validate(confidence, correct, bins);
        long[] n = new long[bins];
        double[] confSum = new double[bins];
        long[] hits = new long[bins];
        for (int i = 0; i < confidence.length; i++) {
            int b = binOf(confidence[i], bins);
            n[b]++;
            confSum[b] += confidence[i];
            hits[b] += correct[i] ? 1 : 0;
        }
        List<ReliabilityBin> out = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            double conf = n[b] == 0 ? Double.NaN : confSum[b] / n[b];
            double acc = n[b] == 0 ? Double.NaN : hits[b] / (double) n[b];
            out.add(
                    new ReliabilityBin(
                            b / (double) bins, (b + 1) / (double) bins, n[b], conf, acc));
        }
        return out;
    }

    /**
     * @param p a confidence in [0, 1]
     * @param bins B
     * @return the b with b/B &lt; p ≤ (b+1)/B, or 0 for p = 0
     */
    static int binOf(double p, int bins) {
        int b = Math.max(0, Math.min(bins - 1, (int) Math.ceil(p * bins) - 1));
        // p·B can round across an edge; settle against the exact edges b/B.
        while (b > 0 && p <= b / (double) bins) {
            b--;
        }
        while (b < bins - 1 && p > (b + 1) / (double) bins) {
            b++;
        }
        return b;
    }

    static void validate(double[] confidence, boolean[] correct, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("need at least one bin, got " + bins);
        }
        PairedLengths.require("confidences", confidence.length, "outcomes", correct.length);
        for (int i = 0; i < confidence.length; i++) {
            if (!(confidence[i] >= 0 && confidence[i] <= 1)) {
                throw new IllegalArgumentException(
                        "confidence " + i + " is " + confidence[i] + ", outside [0, 1]");
            }
        }
    }
}
