package org.pdml.math;

import ai.djl.ndarray.NDArray;

/**
 * The log probability-product kernel between isotropic vMFs (docs/method.md §1.3, Jebara et al.
 * 2004).
 *
 * <pre>
 *   log K_ρ(vMF(μ_i, κ_i), vMF(μ_c, g_c)) = ρ[log C_D(κ_i) + log C_D(g_c)] − log C_D(ρ‖κ_iμ_i + g_cμ_c‖)
 * </pre>
 *
 * with ‖κ_iμ_i + g_cμ_c‖² = κ_i² + g_c² + 2κ_ig_c μ_iᵀμ_c. ρ = 1 is the expected likelihood kernel
 * ({@code el-vmf}), ρ = ½ the Bhattacharyya kernel ({@code b-vmf}). Computed in float64, for all
 * pairs at once.
 */
public final class LogPpk {

    /** Squared resultant norms are floored here so that √ has a finite slope at antipodes. */
    private static final double MIN_SQUARED_NORM = 1e-24;

    private LogPpk() {}

    /**
     * The B×C matrix of log PPKs, with κ_i and g_c checked by {@link KappaGuard} (one device read).
     * Where exactly one of the pair is +∞ (a point mass at its μ), the limit is, with κ the finite
     * one: log C_D(κ) + κ μ_iᵀμ_c for ρ = 1 (the density of the other vMF at that point), −∞ for ρ
     * &lt; 1 and +∞ for ρ &gt; 1 (the log kernel grows as (ρ−1)(D−1)/2 · ln of the infinite κ).
     *
     * @param kappaI image concentrations κ_i ≥ 0, [B]
     * @param muI image mean directions (unit), [B, D]
     * @param kappaC proxy concentrations g_c ≥ 0, [C]
     * @param muC proxy mean directions (unit), [C, D]
     * @param rho the kernel exponent ρ &gt; 0 (1 or ½ in use)
     * @param normaliser the vMF log-normaliser log C_D
     * @return log K_ρ, [B, C] float64
     * @throws IllegalArgumentException if ρ ≤ 0, the dimensions disagree, a κ is NaN or negative,
     *     or both κ_i and g_c hold +∞ (two point masses: no limit)
     */
    public static NDArray of(
            NDArray kappaI,
            NDArray muI,
            NDArray kappaC,
            NDArray muC,
            double rho,
            LogNormaliser normaliser) {
        checkArguments(muI, muC, rho);
        return KappaGuard.pairwise(
                "LogPpk.of",
                kappaI,
                kappaC,
                (ki, kc) -> ofUnchecked(ki, muI, kc, muC, rho, normaliser),
                (ki, kc, infiniteI) -> limit(ki, kc, infiniteI, muI, muC, rho, normaliser));
    }

    /**
     * {@link #of} without the κ checks, for the {@code el-vmf} and {@code b-vmf} losses (see {@link
     * KappaGuard} for why they skip them).
     *
     * @param kappaI finite image concentrations κ_i ≥ 0, [B] (NaN gives NaN rows)
     * @param muI image mean directions (unit), [B, D]
     * @param kappaC finite proxy concentrations g_c ≥ 0, [C]
     * @param muC proxy mean directions (unit), [C, D]
     * @param rho the kernel exponent ρ &gt; 0
     * @param normaliser the vMF log-normaliser log C_D
     * @return log K_ρ, [B, C] float64
     * @throws IllegalArgumentException if ρ ≤ 0 or the dimensions disagree
     */
    public static NDArray ofUnchecked(
            NDArray kappaI,
            NDArray muI,
            NDArray kappaC,
            NDArray muC,
            double rho,
            LogNormaliser normaliser) {
        int dim = checkArguments(muI, muC, rho);
        NDArray ki = Float64Promotion.upcast(kappaI).reshape(-1, 1);
        NDArray kc = Float64Promotion.upcast(kappaC).reshape(1, -1);
        NDArray cos = VmfKl.cosines(muI, muC);
        NDArray squared = ki.square().add(kc.square()).add(Scalars.mul(ki.mul(kc).mul(cos), 2));
        NDArray resultant = Scalars.mul(Scalars.maximum(squared, MIN_SQUARED_NORM).sqrt(), rho);
        NDArray own =
                Scalars.mul(
                        normaliser.logCUnchecked(ki, dim).add(normaliser.logCUnchecked(kc, dim)),
                        rho);
        return own.sub(normaliser.logCUnchecked(resultant, dim));
    }

    /** The limit where one of the pair is +∞; ki [B, 1] and kc [1, C] are finite stand-ins. */
    private static NDArray limit(
            NDArray ki,
            NDArray kc,
            NDArray infiniteI,
            NDArray muI,
            NDArray muC,
            double rho,
            LogNormaliser normaliser) {
        if (rho != 1) {
            return Scalars.constant(
                    ki, rho < 1 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        NDArray cos = VmfKl.cosines(muI, muC);
        NDArray finiteI = Float64Promotion.upcast(ki).broadcast(cos.getShape());
        NDArray finite = KappaGuard.select(infiniteI, Float64Promotion.upcast(kc), finiteI);
        int dim = (int) muI.getShape().get(1);
        return normaliser.logCUnchecked(finite, dim).add(finite.mul(cos));
    }

    /** Checks ρ and the directions' shapes; returns D. */
    private static int checkArguments(NDArray muI, NDArray muC, double rho) {
        if (!(rho > 0)) {
            throw new IllegalArgumentException("PPK exponent rho must be > 0, got " + rho);
        }
        return VmfKl.commonDimension(muI, muC);
    }
}
