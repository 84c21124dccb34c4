package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import org.pdml.math.Scalars;

/**
 * Negative squared Euclidean distance {@code l2} (reference {@code proxynca_l2}): ℓ_ic = −‖z_i −
 * g_cμ_c‖²/T = −(‖z_i‖² + g_c² − 2g_c z_iᵀμ_c)/T, with g_c the isotropic proxy concentration (row
 * mean of κ clamped at κ_min).
 */
public final class L2 implements Similarity {

    private final double kappaMin;

    /**
     * @param kappaMin lower clamp κ_min &gt; 0 on the proxy concentrations
     */
    public L2(double kappaMin) {
        this.kappaMin = kappaMin;
    }

    /** {@inheritDoc} Shapes: [B, C] float64. */
    @Override
    public NDArray logits(ProxyLossInputs in) {
        NDArray g = ProxyGeometry.isotropicConcentrations(in, kappaMin).reshape(1, -1);
        NDArray zz = in.z().square().sum(new int[] {1}, true);
        NDArray cross = in.z().matMul(ProxyGeometry.proxyDirections(in).transpose()).mul(g);
        NDArray squared = zz.add(g.square()).sub(Scalars.mul(cross, 2));
        return squared.neg().div(in.temperature());
    }
}
