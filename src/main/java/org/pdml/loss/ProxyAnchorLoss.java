package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import org.pdml.math.Scalars;

/**
 * Baseline ProxyAnchor (Kim et al., CVPR 2020) on cos_ic = cos(z_i, v_c):
 *
 * <pre>
 *   L = (1/|P⁺|) Σ_{c ∈ P⁺} log(1 + Σ_{i: y_i = c} exp(−α(cos_ic − δ)))
 *     + (1/C) Σ_c log(1 + Σ_{i: y_i ≠ c} exp(α(cos_ic + δ)))
 * </pre>
 *
 * where P⁺ are the classes present in the batch. It ignores κ and T (T is still validated).
 */
public final class ProxyAnchorLoss extends ProxyLoss {

    private final double alpha;
    private final double delta;

    /**
     * @param alpha the scale α &gt; 0 (32)
     * @param delta the margin δ (0.1)
     * @throws IllegalArgumentException if α ≤ 0
     */
    public ProxyAnchorLoss(double alpha, double delta) {
        super("proxy-anchor", false);
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("proxy-anchor alpha must be > 0, got " + alpha);
        }
        this.alpha = alpha;
        this.delta = delta;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray compute(ProxyLossInputs in) {
        NDArray cos = ProxyGeometry.cosines(in);
        NDArray oneHot = in.oneHotLabels();
        NDArray present = oneHot.sum(new int[] {0}).gt(0.5);
        NDArray terms = Scalars.mul(cos.transpose().sub(delta), -alpha);
        NDArray perClass = MaskedLogSumExp.withZero(terms, oneHot.transpose().gt(0.5));
        // classes absent from the batch contribute log 1 = 0 to the sum
        NDArray pos = perClass.sum().div(present.toType(cos.getDataType(), false).sum());
        return pos.add(ProxyAnchorGuidance.negative(cos, oneHot, alpha, delta));
    }
}
