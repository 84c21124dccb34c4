package org.pdml.loss;

import ai.djl.ndarray.NDArray;

/**
 * The paper's loss (method.md §1.5): L = L_NCA(ℓ) + w_g(L⁺ + L⁻), where ℓ are the logits of any
 * {@link Similarity} (EL-nivMF by default) and L⁺ + L⁻ is the {@link ProxyAnchorGuidance} on
 * cos(z_i, μ_c).
 */
public final class NivmfProxyLoss extends NcaLoss {

    private final double guidanceWeight;
    private final ProxyAnchorGuidance guidance;

    /**
     * @param name the loss name
     * @param similarity the logits of L_NCA
     * @param guidanceWeight w_g ≥ 0
     * @param guidance the guidance term
     * @param learnableTemperature false detaches T
     * @throws IllegalArgumentException if w_g &lt; 0
     */
    public NivmfProxyLoss(
            String name,
            Similarity similarity,
            double guidanceWeight,
            ProxyAnchorGuidance guidance,
            boolean learnableTemperature) {
        super(name, similarity, learnableTemperature);
        if (!(guidanceWeight >= 0)) {
            throw new IllegalArgumentException(
                    "guidance weight w_g must be >= 0, got " + guidanceWeight);
        }
        this.guidanceWeight = guidanceWeight;
        this.guidance = guidance;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray compute(ProxyLossInputs in) {
        NDArray nca = super.compute(in);
        return guidanceWeight == 0 ? nca : nca.add(guidance.of(in).mul(guidanceWeight));
    }
}
