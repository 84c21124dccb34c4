package org.pdml.loss;

import ai.djl.ndarray.NDArray;

/** Cosine similarity {@code cos} (reference {@code proxynca_cos}): ℓ_ic = μ_iᵀμ_c / T. */
public final class Cos implements Similarity {

    /** Creates the cosine similarity; it has no parameters. */
    public Cos() {}

    /** {@inheritDoc} Shapes: [B, C] float64. */
    @Override
    public NDArray logits(ProxyLossInputs in) {
        return ProxyGeometry.cosines(in).div(in.temperature());
    }
}
