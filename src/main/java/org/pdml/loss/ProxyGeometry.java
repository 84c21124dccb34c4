package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import org.pdml.math.ImageVmf;
import org.pdml.math.Scalars;

/** Shared derived quantities of images and proxies, all float64. */
final class ProxyGeometry {

    private ProxyGeometry() {}

    /** μ_i = z_i/‖z_i‖, [B, D]. */
    static NDArray imageDirections(ProxyLossInputs in) {
        return ImageVmf.of(in.z()).direction();
    }

    /** κ_i = ‖z_i‖ (the paper's identity mapping), [B]. */
    static NDArray imageConcentrations(ProxyLossInputs in) {
        return ImageVmf.of(in.z()).concentration();
    }

    /** μ_c = v_c/‖v_c‖, [C, D]. */
    static NDArray proxyDirections(ProxyLossInputs in) {
        return in.directions().normalize(2, 1);
    }

    /**
     * The isotropic proxy concentration g_c = mean_j max(κ_cj, κ_min), [C]; for a κ that is
     * constant along each row (an isotropic model) this is max(g_c, κ_min) of docs/method.md §1.3.
     */
    static NDArray isotropicConcentrations(ProxyLossInputs in, double kappaMin) {
        return Scalars.maximum(Precision.upcast(in.kappa()), kappaMin).mean(new int[] {1});
    }

    /** cos(z_i, μ_c), [B, C]. */
    static NDArray cosines(ProxyLossInputs in) {
        return imageDirections(in).matMul(proxyDirections(in).transpose());
    }
}
