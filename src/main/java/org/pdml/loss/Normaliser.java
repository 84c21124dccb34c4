package org.pdml.loss;

import org.pdml.math.LogNormaliser;

/** The choice of vMF log-normaliser log C_D(κ) (docs/method.md §1.1). */
public enum Normaliser {
    /** The exact normaliser for any D ≥ 2 (default). */
    EXACT,
    /** The reference's quadratic fit, for reproduction only; diverges for κ ≳ 50 at D = 128. */
    PAPER_APPROX;

    /** The 'else' branch of the reference's fit: any dimension other than 128 selects it. */
    private static final int FIT_512 = 512;

    /**
     * The normaliser as the EL-nivMF, EL-vMF and B-vMF paths use it.
     *
     * @return log C_D(κ)
     */
    public LogNormaliser logNormaliser() {
        return this == EXACT ? LogNormaliser.exact() : LogNormaliser.paperApprox();
    }

    /**
     * The normaliser as the reference applies it inside KL-vMF and nivMF-point: the exact one
     * unchanged, the fit always in its 512-d branch whatever D is (docs/method.md §1.1).
     *
     * @return log C_D(κ) for those two similarities
     */
    public LogNormaliser klAndPointNormaliser() {
        if (this == EXACT) {
            return LogNormaliser.exact();
        }
        LogNormaliser fit = LogNormaliser.paperApprox();
        return (kappa, dim) -> fit.logCUnchecked(kappa, FIT_512);
    }
}
