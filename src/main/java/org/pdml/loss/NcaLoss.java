package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The NCA / softmax cross-entropy over all C proxies, the positive included (docs/method.md §1.5):
 *
 * <pre>
 *   L_NCA = (1/B) Σ_i [−ℓ_{i,y_i} + LSE_c ℓ_ic]
 * </pre>
 *
 * where ℓ are a {@link Similarity}'s logits. Invariant to per-image constants in ℓ.
 */
public class NcaLoss extends ProxyLoss {

    private final Similarity similarity;

    /**
     * @param name the loss name
     * @param similarity the logits ℓ
     * @param learnableTemperature false detaches T
     */
    public NcaLoss(String name, Similarity similarity, boolean learnableTemperature) {
        super(name, learnableTemperature);
        this.similarity = similarity;
    }

    /**
     * Per-sample terms −ℓ_{i,y_i} + LSE_c ℓ_ic.
     *
     * @param logits ℓ, [B, C]
     * @param labels y, [B] int64
     * @return [B], in the logits' type
     */
    public static NDArray perSample(NDArray logits, NDArray labels) {
        NDArray index = labels.reshape(-1, 1);
        return logits.logSoftmax(1).gather(index, 1).squeeze(1).neg();
    }

    /**
     * The per-sample L_NCA terms of this loss's similarity (cheap: one softmax).
     *
     * @param labels [y [B]]
     * @param predictions [z, v, κ, T]
     * @return [B] float64
     */
    public NDArray perSample(NDList labels, NDList predictions) {
        ProxyLossInputs in = inputs(labels, predictions);
        return similarity.ncaPerSample(in);
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray compute(ProxyLossInputs in) {
        return similarity.ncaPerSample(in).mean();
    }

    /**
     * The similarity this loss uses.
     *
     * @return the similarity
     */
    public Similarity similarity() {
        return similarity;
    }
}
