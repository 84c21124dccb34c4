package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import org.pdml.math.VmfKl;

/**
 * Negative KL divergence {@code kl-vmf} (reference {@code proxynca_kl}, with the sign corrected,
 * docs/method.md §2 item 3): ℓ_ic = −KL(vMF(μ_i, κ_i) ‖ vMF(μ_c, g_c))/T. See {@link VmfKl}.
 */
public final class KlVmf implements Similarity {

    private final Normaliser normaliser;
    private final double kappaMin;

    /**
     * @param normaliser the log C_D choice (the fit is used in its 512-d branch, as the reference)
     * @param kappaMin lower clamp on proxy concentrations
     */
    public KlVmf(Normaliser normaliser, double kappaMin) {
        this.normaliser = normaliser;
        this.kappaMin = kappaMin;
    }

    /** {@inheritDoc} Shapes: [B, C] float64. */
    @Override
    public NDArray logits(ProxyLossInputs in) {
        NDArray kl =
                VmfKl.ofUnchecked(
                        ProxyGeometry.imageConcentrations(in),
                        ProxyGeometry.imageDirections(in),
                        ProxyGeometry.isotropicConcentrations(in, kappaMin),
                        ProxyGeometry.proxyDirections(in),
                        normaliser.klAndPointNormaliser());
        return kl.neg().div(in.temperature());
    }
}
