package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import org.pdml.math.LogPpk;

/**
 * Expected-likelihood kernel {@code el-vmf} (reference {@code proxyvmf}, ρ = 1): ℓ_ic = log
 * K_1(vMF(μ_i, κ_i), vMF(μ_c, g_c))/T with κ_i = ‖z_i‖ and g_c the isotropic proxy concentration.
 * See {@link LogPpk}.
 */
public final class ElVmf implements Similarity {

    private final Normaliser normaliser;
    private final double kappaMin;

    /**
     * @param normaliser the log C_D choice
     * @param kappaMin lower clamp on proxy concentrations
     */
    public ElVmf(Normaliser normaliser, double kappaMin) {
        this.normaliser = normaliser;
        this.kappaMin = kappaMin;
    }

    /** {@inheritDoc} Shapes: [B, C] float64. */
    @Override
    public NDArray logits(ProxyLossInputs in) {
        return ppk(in, 1.0, normaliser, kappaMin).div(in.temperature());
    }

    /** log K_ρ for the inputs, [B, C]. */
    static NDArray ppk(ProxyLossInputs in, double rho, Normaliser normaliser, double kappaMin) {
        return LogPpk.ofUnchecked(
                ProxyGeometry.imageConcentrations(in),
                ProxyGeometry.imageDirections(in),
                ProxyGeometry.isotropicConcentrations(in, kappaMin),
                ProxyGeometry.proxyDirections(in),
                rho,
                normaliser.logNormaliser());
    }
}
