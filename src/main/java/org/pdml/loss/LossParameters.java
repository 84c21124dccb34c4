package org.pdml.loss;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Typed, immutable parameters of every loss {@link LossFactory} builds (docs/method.md §1.3, §1.5).
 *
 * @param samples S, Monte Carlo samples per image for {@code el-nivmf} (≥ 1; paper 5)
 * @param guidanceWeight w_g ≥ 0 of the ProxyAnchor guidance in the paper's loss
 * @param alpha ProxyAnchor scale α &gt; 0 (32), for the guidance and the proxy-anchor baseline
 * @param delta ProxyAnchor margin δ (0.1)
 * @param normaliser the vMF log-normaliser (exact by default)
 * @param nivmfForm the nivMF form of {@code el-nivmf} and {@code nivmf-point} (unstretched)
 * @param kappaMin lower clamp κ_min &gt; 0 on proxy concentrations (0.1)
 * @param learnableTemperature false treats T as fixed (detached); the proxy-anchor baseline never
 *     uses T
 * @param bindev the paper's metrics only: replace L_NCA by the ProxyAnchor formula on s_ic with α =
 *     1, δ = 0 (reference option, off by default)
 * @param subsampleP the paper's metrics only: fraction p ∈ (0, 1] of proxies kept per batch for the
 *     L_NCA term (1, the default, keeps all)
 */
public record LossParameters(
        int samples,
        double guidanceWeight,
        double alpha,
        double delta,
        Normaliser normaliser,
        NivmfForm nivmfForm,
        double kappaMin,
        boolean learnableTemperature,
        boolean bindev,
        double subsampleP) {

    /** The paper's defaults: S = 5, w_g = 1, α = 32, δ = 0.1, exact, unstretched, κ_min = 0.1. */
    public static final LossParameters DEFAULTS =
            new LossParameters(
                    5,
                    1.0,
                    32.0,
                    0.1,
                    Normaliser.EXACT,
                    NivmfForm.UNSTRETCHED,
                    0.1,
                    true,
                    false,
                    1.0);

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming the first invalid field
     * @throws NullPointerException if normaliser or nivmfForm is null
     */
    public LossParameters {
        Objects.requireNonNull(normaliser, "normaliser");
        Objects.requireNonNull(nivmfForm, "nivmfForm");
        require(samples >= 1, "samples", samples);
        require(
                guidanceWeight >= 0 && Double.isFinite(guidanceWeight),
                "guidanceWeight",
                guidanceWeight);
        require(alpha > 0 && Double.isFinite(alpha), "alpha", alpha);
        require(Double.isFinite(delta), "delta", delta);
        require(kappaMin > 0 && Double.isFinite(kappaMin), "kappaMin", kappaMin);
        require(subsampleP > 0 && subsampleP <= 1, "subsampleP", subsampleP);
    }

    /**
     * @param bindev whether bindev replaces L_NCA
     * @param subsampleP the kept proxy fraction
     * @return a copy with both reference options replaced
     */
    public LossParameters withReferenceOptions(boolean bindev, double subsampleP) {
        return edit(
                e -> {
                    e.bindev = bindev;
                    e.subsampleP = subsampleP;
                });
    }

    /**
     * @param samples S
     * @return a copy with S replaced
     */
    public LossParameters withSamples(int samples) {
        return edit(e -> e.samples = samples);
    }

    /**
     * @param guidanceWeight w_g
     * @return a copy with w_g replaced
     */
    public LossParameters withGuidanceWeight(double guidanceWeight) {
        return edit(e -> e.guidanceWeight = guidanceWeight);
    }

    /**
     * @param normaliser the normaliser
     * @return a copy with the normaliser replaced
     */
    public LossParameters withNormaliser(Normaliser normaliser) {
        return edit(e -> e.normaliser = normaliser);
    }

    /**
     * @param nivmfForm the form
     * @return a copy with the nivMF form replaced
     */
    public LossParameters withNivmfForm(NivmfForm nivmfForm) {
        return edit(e -> e.nivmfForm = nivmfForm);
    }

    /**
     * @param learnableTemperature whether T receives gradients
     * @return a copy with the flag replaced
     */
    public LossParameters withLearnableTemperature(boolean learnableTemperature) {
        return edit(e -> e.learnableTemperature = learnableTemperature);
    }

    /** Copies this record into an {@link Edit}, applies {@code change} and validates the result. */
    private LossParameters edit(Consumer<Edit> change) {
        Edit e = new Edit(this);
        change.accept(e);
        return e.build();
    }

    /** The one mutable copy of the fields, so each {@code with…} names only what it replaces. */
    private static final class Edit {
        int samples;
        double guidanceWeight;
        double alpha;
        double delta;
        Normaliser normaliser;
        NivmfForm nivmfForm;
        double kappaMin;
        boolean learnableTemperature;
        boolean bindev;
        double subsampleP;

        Edit(LossParameters p) {
            samples = p.samples;
            guidanceWeight = p.guidanceWeight;
            alpha = p.alpha;
            delta = p.delta;
            normaliser = p.normaliser;
            nivmfForm = p.nivmfForm;
            kappaMin = p.kappaMin;
            learnableTemperature = p.learnableTemperature;
            bindev = p.bindev;
            subsampleP = p.subsampleP;
        }

        LossParameters build() {
            return new LossParameters(
                    samples,
                    guidanceWeight,
                    alpha,
                    delta,
                    normaliser,
                    nivmfForm,
                    kappaMin,
                    learnableTemperature,
                    bindev,
                    subsampleP);
        }
    }

    private static void require(boolean ok, String field, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("loss parameter " + field + " is invalid: " + value);
        }
    }
}
