package org.pdml.loss;

import ai.djl.ndarray.NDArray;

/**
 * An image-to-proxy similarity, vectorised over the batch (docs/method.md §1.3).
 *
 * <p>Implementations return the logits ℓ_ic that enter the softmax of L_NCA: s_ic/T for all
 * similarities except EL-nivMF, whose temperature sits inside its log-mean-exp. Logits may carry a
 * per-image additive constant k_i (EL-nivMF subtracts one for float precision); every loss in this
 * package that uses them is invariant to it.
 */
public interface Similarity {

    /**
     * The logit matrix.
     *
     * @param in the loss inputs (z [B, D], v [C, D], κ [C, D], T [1]) in float64
     * @return ℓ_ic, [B, C] float64
     */
    NDArray logits(ProxyLossInputs in);

    /**
     * The unshifted similarities s_ic in logit units (what {@link #logits} returns without any
     * per-image constant), for losses that are not shift-invariant (bindev).
     *
     * @param in the loss inputs in float64
     * @return [B, C] float64
     */
    default NDArray scores(ProxyLossInputs in) {
        return logits(in);
    }

    /**
     * The per-sample L_NCA terms −ℓ_{i,y_i} + LSE_c ℓ_ic; implementations may fuse them.
     *
     * @param in the loss inputs in float64
     * @return [B] float64
     */
    default NDArray ncaPerSample(ProxyLossInputs in) {
        return NcaLoss.perSample(logits(in), in.labels());
    }
}
