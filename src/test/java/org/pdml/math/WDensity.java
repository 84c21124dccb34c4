package org.pdml.math;

import java.util.Arrays;

/**
 * The exact law of w = μᵀx under vMF(μ, κ) on S^{D−1}: density ∝ exp(κw)(1 − w²)^{(D−3)/2} on [−1,
 * 1], its CDF by the composite trapezoid rule on a fine grid (the test's independent oracle).
 */
final class WDensity {

    private static final int STEPS = 400_000;

    private WDensity() {}

    /** sup |F_n − F| of the sample against the exact CDF. */
    static double ksStatistic(double[] sample, double kappa, int dim) {
        double[] cdf = cdf(kappa, dim);
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        double worst = 0;
        for (int i = 0; i < sorted.length; i++) {
            double f = interpolate(cdf, sorted[i]);
            worst =
                    Math.max(
                            worst,
                            Math.max(
                                    (i + 1.0) / sorted.length - f, f - (double) i / sorted.length));
        }
        return worst;
    }

    private static double[] cdf(double kappa, int dim) {
        double h = 2.0 / STEPS;
        double[] cdf = new double[STEPS + 1];
        double previous = density(-1, kappa, dim);
        for (int i = 1; i <= STEPS; i++) {
            double current = density(-1 + i * h, kappa, dim);
            cdf[i] = cdf[i - 1] + 0.5 * h * (previous + current);
            previous = current;
        }
        double total = cdf[STEPS];
        for (int i = 0; i <= STEPS; i++) {
            cdf[i] /= total;
        }
        return cdf;
    }

    /** Unnormalised, shifted by e^{−κ} to stay finite for large κ. */
    private static double density(double w, double kappa, int dim) {
        double oneMinusW2 = Math.max(0, 1 - w * w);
        return Math.exp(kappa * (w - 1)) * Math.pow(oneMinusW2, (dim - 3) / 2.0);
    }

    private static double interpolate(double[] cdf, double w) {
        double position = (Math.min(Math.max(w, -1), 1) + 1) / 2 * STEPS;
        int i = Math.min((int) position, STEPS - 1);
        double t = position - i;
        return cdf[i] * (1 - t) + cdf[i + 1] * t;
    }
}
