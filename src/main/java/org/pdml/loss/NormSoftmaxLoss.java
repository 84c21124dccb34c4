package org.pdml.loss;

/**
 * Baseline Normalized Softmax (Zhai and Wu, BMVC 2019): L_NCA over ℓ_ic = cos(z_i, v_c)/T, all
 * proxies included, no guidance (T = 0.05 in the paper). It ignores κ.
 */
public final class NormSoftmaxLoss extends NcaLoss {

    /**
     * @param learnableTemperature false detaches T
     */
    public NormSoftmaxLoss(boolean learnableTemperature) {
        super("norm-softmax", new Cos(), learnableTemperature);
    }
}
