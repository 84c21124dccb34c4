package org.pdml.math;

import ai.djl.ndarray.NDArray;

/**
 * The vMF log-normaliser log C_D(κ) = ν ln κ − (D/2) ln 2π − ln I_ν(κ), ν = D/2 − 1, where vMF(x;
 * μ, κ) = C_D(κ) exp(κ μᵀx) on the unit sphere S^{D−1} (docs/method.md §1.1).
 *
 * <p>Its derivative is d/dκ log C_D(κ) = −A_D(κ) (see {@link MeanResultantLength}); at κ = 0 it is
 * lnΓ(D/2) − ln 2 − (D/2) ln π, the log of the inverse sphere area.
 */
public interface LogNormaliser {

    /**
     * log C_D(κ) elementwise, differentiable in κ under DJL autograd, with its input checked by
     * {@link KappaGuard} (one device read). At κ = +∞ it is −∞ (log I_ν(κ) ~ κ, so log C_D(κ) ~ −κ;
     * the fit is a downward parabola), with a zero gradient there.
     *
     * @param kappa concentrations κ ≥ 0 (+∞ allowed), any shape, float32 or float64
     * @param dim the dimension D ≥ 2 of the ambient space
     * @return same shape and dtype as {@code kappa}
     * @throws IllegalArgumentException if {@code dim < 2} or an entry of κ is NaN or negative
     */
    default NDArray logC(NDArray kappa, int dim) {
        requireDimension(dim);
        return KappaGuard.elementwise(
                "LogNormaliser.logC", kappa, Double.NEGATIVE_INFINITY, k -> logCUnchecked(k, dim));
    }

    /**
     * {@link #logC} without the input check, for the losses and the other vMF functions, which
     * check their arguments once themselves (see {@link KappaGuard} for why the losses skip it).
     *
     * @param kappa finite concentrations κ ≥ 0, any shape, float32 or float64; NaN gives NaN, and
     *     +∞ or negative κ give unspecified values
     * @param dim the dimension D ≥ 2 of the ambient space
     * @return same shape and dtype as {@code kappa}
     * @throws IllegalArgumentException if {@code dim < 2}
     */
    NDArray logCUnchecked(NDArray kappa, int dim);

    /**
     * The exact normaliser for any D ≥ 2 and κ in [0, 1e5]: power series for κ ≤ 60, Debye (D ≥ 3)
     * or Hankel (D = 2) expansions above, computed in float64 and cast back to the input dtype.
     * Relative error versus mpmath ≤ 1e−6·max(1, |log C|) (measured ≤ 1e−9) in float64.
     *
     * @return the exact normaliser (option {@code exact}, the default)
     */
    static LogNormaliser exact() {
        return ExactLogNormaliser.INSTANCE;
    }

    /**
     * The reference's quadratic fit (option {@code paper-approx}, for reproduction only): log Ĉ =
     * 127 − 0.01909κ − 0.003355κ² if D = 128, else the 512-d fit 868 − 0.0002662κ − 0.0009685κ²,
     * whatever D is. It diverges from the exact value beyond κ ≈ 50 (docs/method.md §2 item 1).
     *
     * @return the fitted normaliser
     */
    static LogNormaliser paperApprox() {
        return PaperApproxLogNormaliser.INSTANCE;
    }

    /**
     * Looks a normaliser up by its config name.
     *
     * @param name {@code exact} or {@code paper-approx}
     * @return the named normaliser
     * @throws IllegalArgumentException for any other name
     */
    static LogNormaliser byName(String name) {
        switch (name) {
            case "exact":
                return exact();
            case "paper-approx":
                return paperApprox();
            default:
                throw new IllegalArgumentException(
                        "unknown normaliser '" + name + "' (expected exact or paper-approx)");
        }
    }

    /**
     * Checks the dimension argument shared by the vMF functions.
     *
     * @param dim the dimension D
     * @throws IllegalArgumentException if {@code dim < 2}
     */
    static void requireDimension(int dim) {
        if (dim < 2) {
            throw new IllegalArgumentException("vMF dimension D must be >= 2, got " + dim);
        }
    }
}
