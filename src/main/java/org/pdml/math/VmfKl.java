package org.pdml.math;

import ai.djl.ndarray.NDArray;

/**
 * Kullback–Leibler divergence between isotropic vMFs on S^{D−1} (docs/method.md §1.3, §2 item 3).
 *
 * <pre>
 *   KL(vMF(μ_i, κ_i) ‖ vMF(μ_c, g_c)) = log C_D(κ_i) − log C_D(g_c) + A_D(κ_i)(κ_i − g_c μ_iᵀμ_c)
 * </pre>
 *
 * from E[x] = A_D(κ_i)μ_i under the first vMF. It is ≥ 0 and 0 iff the two are equal; the
 * similarity {@code kl-vmf} is its negative. Computed in float64 for all pairs at once.
 */
public final class VmfKl {

    private VmfKl() {}

    /**
     * The exact B×C KL matrix, with κ_i and g_c checked by {@link KappaGuard} (one device read).
     * Where exactly one of κ_i, g_c is +∞ the KL is +∞: a point mass against a density (κ_i → ∞,
     * log C_D(κ_i) + κ_iA_D(κ_i) ~ ((D−1)/2) ln κ_i), or a density against a point mass (g_c → ∞,
     * −log C_D(g_c) − A_D(κ_i)g_cμ_iᵀμ_c ~ g_c(1 − A_D(κ_i)μ_iᵀμ_c) with A_D(κ_i) &lt; 1).
     *
     * @param kappaI image concentrations κ_i ≥ 0, [B]
     * @param muI image mean directions (unit), [B, D]
     * @param kappaC proxy concentrations g_c ≥ 0, [C]
     * @param muC proxy mean directions (unit), [C, D]
     * @param normaliser the vMF log-normaliser log C_D
     * @return KL_ic, [B, C] float64
     * @throws IllegalArgumentException if the dimensions disagree, a κ is NaN or negative, or both
     *     κ_i and g_c hold +∞ (two point masses: no limit)
     */
    public static NDArray of(
            NDArray kappaI, NDArray muI, NDArray kappaC, NDArray muC, LogNormaliser normaliser) {
        commonDimension(muI, muC);
        return KappaGuard.pairwise(
                "VmfKl.of",
                kappaI,
                kappaC,
                (ki, kc) -> ofUnchecked(ki, muI, kc, muC, normaliser),
                (ki, kc, infiniteI) -> Scalars.constant(ki, Double.POSITIVE_INFINITY));
    }

    /**
     * {@link #of} without the κ checks, for the {@code kl-vmf} loss (see {@link KappaGuard} for why
     * it skips them).
     *
     * @param kappaI finite image concentrations κ_i ≥ 0, [B] (NaN gives NaN rows)
     * @param muI image mean directions (unit), [B, D]
     * @param kappaC finite proxy concentrations g_c ≥ 0, [C]
     * @param muC proxy mean directions (unit), [C, D]
     * @param normaliser the vMF log-normaliser log C_D
     * @return KL_ic, [B, C] float64
     * @throws IllegalArgumentException if the dimensions disagree
     */
    public static NDArray ofUnchecked(
            NDArray kappaI, NDArray muI, NDArray kappaC, NDArray muC, LogNormaliser normaliser) {
        int dim = commonDimension(muI, muC);
        NDArray ki = Float64Promotion.upcast(kappaI).reshape(-1, 1);
        NDArray kc = Float64Promotion.upcast(kappaC).reshape(1, -1);
        NDArray meanLength = MeanResultantLength.ofUnchecked(ki, dim);
        NDArray gap = ki.sub(kc.mul(cosines(muI, muC)));
        return normaliser
                .logCUnchecked(ki, dim)
                .sub(normaliser.logCUnchecked(kc, dim))
                .add(meanLength.mul(gap));
    }

    /**
     * The reference's {@code proxynca_kl} quantity, kept only for parity reports: A ≡ 1 and the
     * opposite sign, log C(κ_i) − log C(g_c) + κ_i − g_c μ_iᵀμ_c. It is not a divergence.
     *
     * @param kappaI finite image concentrations κ_i ≥ 0, [B]
     * @param muI image mean directions (unit), [B, D]
     * @param kappaC finite proxy concentrations g_c ≥ 0, [C]
     * @param muC proxy mean directions (unit), [C, D]
     * @param normaliser the normaliser; the reference used the 512-d fit at any D
     * @param dim the dimension handed to the normaliser
     * @return the reference quantity, [B, C] float64
     * @throws IllegalArgumentException if the dimensions disagree or a κ is NaN, negative or +∞
     *     (checked in one device read; the quantity is not a divergence and its limit at +∞ depends
     *     on the normaliser)
     */
    public static NDArray referenceForm(
            NDArray kappaI,
            NDArray muI,
            NDArray kappaC,
            NDArray muC,
            LogNormaliser normaliser,
            int dim) {
        commonDimension(muI, muC);
        KappaGuard.require(
                "VmfKl.referenceForm",
                KappaGuard.Domain.FINITE,
                new String[] {"kappaI", "kappaC"},
                kappaI,
                kappaC);
        NDArray ki = Float64Promotion.upcast(kappaI).reshape(-1, 1);
        NDArray kc = Float64Promotion.upcast(kappaC).reshape(1, -1);
        NDArray gap = ki.sub(kc.mul(cosines(muI, muC)));
        return normaliser.logCUnchecked(ki, dim).sub(normaliser.logCUnchecked(kc, dim)).add(gap);
    }

    /** μ_iᵀμ_c for all pairs, [B, C] float64. */
    static NDArray cosines(NDArray muI, NDArray muC) {
        NDArray a = Float64Promotion.upcast(muI);
        return a.matMul(Float64Promotion.upcast(muC).transpose());
    }

    /** The shared D of [B, D] and [C, D], or an error naming both shapes. */
    static int commonDimension(NDArray muI, NDArray muC) {
        if (muI.getShape().dimension() != 2
                || muC.getShape().dimension() != 2
                || muI.getShape().get(1) != muC.getShape().get(1)) {
            throw new IllegalArgumentException(
                    "directions must be [B, D] and [C, D] with one D, got "
                            + muI.getShape()
                            + " and "
                            + muC.getShape());
        }
        return (int) muI.getShape().get(1);
    }
}
