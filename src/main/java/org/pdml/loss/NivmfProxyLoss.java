package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import org.pdml.math.Scalars;

/**
 * The paper's loss (docs/method.md §1.5): L = L_NCA(ℓ) + w_g(L⁺ + L⁻), where ℓ are the logits of
 * any {@link Similarity} (EL-nivMF by default) and L⁺ + L⁻ is the {@link ProxyAnchorGuidance} on
 * cos(z_i, μ_c).
 *
 * <p>Two reference options, both off by default: {@code bindev} replaces L_NCA by the ProxyAnchor
 * formula of {@link ProxyAnchorGuidance} applied to the unshifted similarities s_ic with α = 1, δ =
 * 0; {@code subsample_p} &lt; 1 computes the L_NCA (or bindev) term over the batch's classes plus a
 * random subset of the other proxies ({@link NegativeProxySubsample}). The guidance always uses all
 * C proxies.
 */
public final class NivmfProxyLoss extends NcaLoss {

    private static final ProxyAnchorGuidance BINDEV = new ProxyAnchorGuidance(1, 0);

    private final double guidanceWeight;
    private final ProxyAnchorGuidance guidance;
    private final boolean bindev;
    private final double subsampleP;

    /**
     * The loss without the reference options (bindev off, subsample_p = 1).
     *
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
        this(name, similarity, guidanceWeight, guidance, learnableTemperature, false, 1);
    }

    /**
     * @param name the loss name
     * @param similarity the logits of L_NCA
     * @param guidanceWeight w_g ≥ 0
     * @param guidance the guidance term
     * @param learnableTemperature false detaches T
     * @param bindev replace L_NCA by the ProxyAnchor formula on s (α = 1, δ = 0)
     * @param subsampleP the fraction p ∈ (0, 1] of proxies kept per batch (1 keeps all)
     * @throws IllegalArgumentException if w_g &lt; 0 or p is not in (0, 1]
     */
    public NivmfProxyLoss(
            String name,
            Similarity similarity,
            double guidanceWeight,
            ProxyAnchorGuidance guidance,
            boolean learnableTemperature,
            boolean bindev,
            double subsampleP) {
        super(name, similarity, learnableTemperature);
        if (!(guidanceWeight >= 0)) {
            throw new IllegalArgumentException(
                    "guidance weight w_g must be >= 0, got " + guidanceWeight);
        }
        if (!(subsampleP > 0 && subsampleP <= 1)) {
            throw new IllegalArgumentException("subsample_p must be in (0, 1], got " + subsampleP);
        }
        this.guidanceWeight = guidanceWeight;
        this.guidance = guidance;
        this.bindev = bindev;
        this.subsampleP = subsampleP;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray compute(ProxyLossInputs in) {
        ProxyLossInputs kept = subsampleP < 1 ? NegativeProxySubsample.keep(in, subsampleP) : in;
        NDArray main =
                bindev
                        ? BINDEV.of(similarity().scores(kept), kept.oneHotLabels())
                        : super.compute(kept);
        return guidanceWeight == 0 ? main : main.add(Scalars.mul(guidance.of(in), guidanceWeight));
    }
}
