package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import org.pdml.math.LogNormaliser;
import org.pdml.math.NivmfLogScore;

/** Which nivMF log-score form a metric uses (docs/method.md §1.2, §2 item 4). */
public enum NivmfForm {
    /** x̃ = x: middle term xᵀK_cμ_c (the reference's EL path; default). */
    UNSTRETCHED,
    /** x̃ = K_cx/‖K_cx‖ (the reference's nivMF-point). */
    STRETCHED;

    /**
     * The nivMF log-score of points against all proxies.
     *
     * @param x points, [N, D] or [B, S, D]
     * @param directions proxy directions, [C, D]
     * @param kappa proxy concentrations, [C, D]
     * @param kappaMin lower clamp on κ
     * @param normaliser log C_D
     * @return log p_c(x), [..., C] float64
     */
    public NDArray score(
            NDArray x,
            NDArray directions,
            NDArray kappa,
            double kappaMin,
            LogNormaliser normaliser) {
        return this == UNSTRETCHED
                ? NivmfLogScore.unstretchedUnchecked(x, directions, kappa, kappaMin, normaliser)
                : NivmfLogScore.stretchedUnchecked(x, directions, kappa, kappaMin, normaliser);
    }
}
