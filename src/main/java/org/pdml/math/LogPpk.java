package org.pdml.math;

import ai.djl.ndarray.NDArray;

/**
 * The log probability-product kernel between isotropic vMFs (method.md §1.3, Jebara et al. 2004).
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
     * The B×C matrix of log PPKs.
     *
     * @param kappaI image concentrations κ_i ≥ 0, [B]
     * @param muI image mean directions (unit), [B, D]
     * @param kappaC proxy concentrations g_c ≥ 0, [C]
     * @param muC proxy mean directions (unit), [C, D]
     * @param rho the kernel exponent ρ &gt; 0 (1 or ½ in use)
     * @param normaliser the vMF log-normaliser log C_D
     * @return log K_ρ, [B, C] float64
     * @throws IllegalArgumentException if ρ ≤ 0 or the dimensions disagree
     */
    public static NDArray of(
            NDArray kappaI,
            NDArray muI,
            NDArray kappaC,
            NDArray muC,
            double rho,
            LogNormaliser normaliser) {
        if (!(rho > 0)) {
            throw new IllegalArgumentException("PPK exponent rho must be > 0, got " + rho);
        }
        int dim = VmfKl.commonDimension(muI, muC);
        NDArray ki = Float64Promotion.upcast(kappaI).reshape(-1, 1);
        NDArray kc = Float64Promotion.upcast(kappaC).reshape(1, -1);
        NDArray cos = VmfKl.cosines(muI, muC);
        NDArray squared = ki.square().add(kc.square()).add(Scalars.mul(ki.mul(kc).mul(cos), 2));
        NDArray resultant = Scalars.mul(Scalars.maximum(squared, MIN_SQUARED_NORM).sqrt(), rho);
        NDArray own = Scalars.mul(normaliser.logC(ki, dim).add(normaliser.logC(kc, dim)), rho);
        return own.sub(normaliser.logC(resultant, dim));
    }
}
