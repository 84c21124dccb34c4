package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import org.pdml.math.Scalars;

/**
 * The ProxyAnchor guidance term L⁺ + L⁻ on cos_ic = cos(z_i, μ_c) (docs/method.md §1.5):
 *
 * <pre>
 *   L⁺ = (1/B) Σ_j log(1 + Σ_{i: y_i = y_j} exp(−α(cos_{i,y_j} − δ)))
 *   L⁻ = (1/C) Σ_c log(1 + Σ_{i: y_i ≠ c} exp(α(cos_ic + δ)))
 * </pre>
 *
 * A class thus counts once per batch member in L⁺; an empty sum gives 0. Each log(1 + Σ) is a
 * log-sum-exp over {0} ∪ the masked terms.
 */
public final class ProxyAnchorGuidance {

    private final double alpha;
    private final double delta;

    /**
     * @param alpha the scale α &gt; 0 (32 in the paper)
     * @param delta the margin δ (0.1 in the paper)
     * @throws IllegalArgumentException if α ≤ 0
     */
    public ProxyAnchorGuidance(double alpha, double delta) {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("guidance alpha must be > 0, got " + alpha);
        }
        this.alpha = alpha;
        this.delta = delta;
    }

    /**
     * L⁺ + L⁻ for the inputs.
     *
     * @param in the inputs (z, v, y used)
     * @return a float64 scalar
     */
    public NDArray of(ProxyLossInputs in) {
        return of(ProxyGeometry.cosines(in), in.oneHotLabels());
    }

    /**
     * L⁺ + L⁻ with any similarity matrix in place of cos_ic (bindev uses s_ic, α = 1, δ = 0).
     *
     * @param similarity the similarities, [B, C] float64
     * @param oneHot one-hot labels, [B, C] float64
     * @return a float64 scalar
     */
    NDArray of(NDArray similarity, NDArray oneHot) {
        return positive(similarity, oneHot).add(negative(similarity, oneHot, alpha, delta));
    }

    /** L⁺: per sample j, terms over i with y_i = y_j of −α(cos_{i,y_j} − δ); mean over j. */
    private NDArray positive(NDArray cos, NDArray oneHot) {
        // atLabel[j, i] = cos_{i, y_j}
        NDArray atLabel = oneHot.matMul(cos.transpose());
        NDArray same = oneHot.matMul(oneHot.transpose()).gt(0.5);
        NDArray terms = Scalars.mul(atLabel.sub(delta), -alpha);
        return MaskedLogSumExp.withZero(terms, same).mean();
    }

    /**
     * L⁻ of docs/method.md §1.5 (also ProxyAnchor's negative part): per proxy c, terms over i with
     * y_i ≠ c of α(cos_ic + δ); mean over all C proxies.
     *
     * @param cos cos_ic, [B, C]
     * @param oneHot one-hot labels, [B, C]
     * @param alpha α
     * @param delta δ
     * @return a float64 scalar
     */
    static NDArray negative(NDArray cos, NDArray oneHot, double alpha, double delta) {
        NDArray terms = Scalars.mul(cos.transpose().add(delta), alpha);
        NDArray other = oneHot.transpose().lt(0.5);
        return MaskedLogSumExp.withZero(terms, other).mean();
    }
}
