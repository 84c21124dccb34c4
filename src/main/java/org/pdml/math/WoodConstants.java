package org.pdml.math;

/**
 * Wood's (1994) rejection-sampler constants for vMF(μ, κ) on S^{m−1} (docs/method.md §1.4):
 *
 * <pre>
 * c = √(4κ² + (m−1)²)
 * b = (m−1)/(2κ + c)            (= (c − 2κ)/(m−1) without its cancellation)
 * a = (m−1 + 2κ + c)/4
 * d = 4ab/(1+b) − (m−1) ln(m−1)
 * </pre>
 *
 * @param c the root √(4κ² + (m−1)²)
 * @param b the exact envelope parameter b ∈ (0, 1]
 * @param a the constant a
 * @param d the acceptance offset d
 */
public record WoodConstants(double c, double b, double a, double d) {

    /**
     * The exact constants.
     *
     * @param kappa κ ≥ 0
     * @param m the ambient dimension m = D ≥ 2
     * @return c, b, a, d
     * @throws IllegalArgumentException if m < 2 or κ < 0
     */
    public static WoodConstants of(double kappa, int m) {
        LogNormaliser.requireDimension(m);
        KappaGuard.require("WoodConstants.of", kappa);
        double c = Math.sqrt(4 * kappa * kappa + (m - 1.0) * (m - 1.0));
        double b = (m - 1.0) / (2 * kappa + c);
        double a = (m - 1.0 + 2 * kappa + c) / 4;
        double d = 4 * a * b / (1 + b) - (m - 1.0) * Math.log(m - 1.0);
        return new WoodConstants(c, b, a, d);
    }

    /**
     * The reference's blended b (docs/method.md §2 item 2, reproduced for comparison only; pdml
     * never samples with it): s(m−1)/(4κ) + (1−s)·b_exact with s = clamp(κ − 10, 0, 1). Valid only
     * for κ ≫ m; in high D it exceeds 1 and biases w.
     *
     * @param kappa κ > 0
     * @param m the dimension m = D
     * @return the blended b
     */
    public static double referenceBlendedB(double kappa, int m) {
        double s = Math.min(Math.max(kappa - 10, 0), 1);
        return s * (m - 1.0) / (4 * kappa) + (1 - s) * of(kappa, m).b();
    }
}
