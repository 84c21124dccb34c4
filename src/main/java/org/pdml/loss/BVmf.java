package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import org.pdml.math.LogPpk;

/**
 * Bhattacharyya kernel {@code b-vmf} (reference {@code proxyvmf}, ρ = ½): ℓ_ic = log K_½(vMF(μ_i,
 * κ_i), vMF(μ_c, g_c))/T. See {@link LogPpk}.
 */
public final class BVmf implements Similarity {

    private final Normaliser normaliser;
    private final double kappaMin;

    /**
     * @param normaliser the log C_D choice
     * @param kappaMin lower clamp on proxy concentrations
     */
    public BVmf(Normaliser normaliser, double kappaMin) {
        this.normaliser = normaliser;
        this.kappaMin = kappaMin;
    }

    /** {@inheritDoc} Shapes: [B, C] float64. */
    @Override
    public NDArray logits(ProxyLossInputs in) {
        return ElVmf.ppk(in, 0.5, normaliser, kappaMin).div(in.temperature());
    }
}
