package org.pdml.loss;

import ai.djl.ndarray.NDArray;

/**
 * An image-to-proxy similarity, vectorised over the batch (method.md §1.3).
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
}
