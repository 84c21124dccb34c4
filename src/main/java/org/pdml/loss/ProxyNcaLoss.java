package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import org.pdml.math.Scalars;

/**
 * Baseline ProxyNCA (Movshovitz-Attias et al., ICCV 2017), as in the reference's baselines: with
 * d_ic = ‖z_i/‖z_i‖ − v_c/‖v_c‖‖²/T, the positive is left out of the denominator,
 *
 * <pre>
 *   L = (1/B) Σ_i [d_{i,y_i} + LSE_{c ≠ y_i}(−d_ic)]
 * </pre>
 *
 * The reference scales both unit vectors by 3, i.e. T = 1/9. It ignores κ; it needs C ≥ 2.
 */
public final class ProxyNcaLoss extends ProxyLoss {

    /**
     * @param learnableTemperature false detaches T
     */
    public ProxyNcaLoss(boolean learnableTemperature) {
        super("proxy-nca", learnableTemperature);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if C &lt; 2 (no negative proxy)
     */
    @Override
    protected NDArray compute(ProxyLossInputs in) {
        if (in.numClasses() < 2) {
            throw new IllegalArgumentException(
                    "proxy-nca needs at least 2 classes, got C = " + in.numClasses());
        }
        NDArray distance = Scalars.mul(ProxyGeometry.cosines(in), -2).add(2).div(in.temperature());
        NDArray oneHot = in.oneHotLabels();
        NDArray positive = distance.mul(oneHot).sum(new int[] {1});
        NDArray negatives = MaskedLogSumExp.of(distance.neg(), oneHot.lt(0.5));
        return positive.add(negatives).mean();
    }
}
