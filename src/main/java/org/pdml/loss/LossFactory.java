package org.pdml.loss;

import java.util.List;

/**
 * Builds a loss by its configuration name (docs/method.md §1.3): the paper's metrics {@code
 * el-nivmf} (default), {@code el-vmf}, {@code b-vmf}, {@code kl-vmf}, {@code nivmf-point}, {@code
 * l2} and {@code cos}, each as L_NCA + w_g·guidance ({@link NivmfProxyLoss}), and the baselines
 * {@code proxy-anchor}, {@code proxy-nca} and {@code norm-softmax}.
 */
public final class LossFactory {

    /** Every valid name, in documentation order. */
    public static final List<String> NAMES =
            List.of(
                    "el-nivmf",
                    "el-vmf",
                    "b-vmf",
                    "kl-vmf",
                    "nivmf-point",
                    "l2",
                    "cos",
                    "proxy-anchor",
                    "proxy-nca",
                    "norm-softmax");

    private LossFactory() {}

    /**
     * The loss called {@code name}.
     *
     * @param name one of {@link #NAMES}
     * @param p the parameters
     * @return a new loss named {@code name}
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static ProxyLoss create(String name, LossParameters p) {
        switch (name) {
            case "proxy-anchor":
                return new ProxyAnchorLoss(p.alpha(), p.delta());
            case "proxy-nca":
                return new ProxyNcaLoss(p.learnableTemperature());
            case "norm-softmax":
                return new NormSoftmaxLoss(p.learnableTemperature());
            default:
                ProxyAnchorGuidance guidance = new ProxyAnchorGuidance(p.alpha(), p.delta());
                return new NivmfProxyLoss(
                        name,
                        similarity(name, p),
                        p.guidanceWeight(),
                        guidance,
                        p.learnableTemperature(),
                        p.bindev(),
                        p.subsampleP());
        }
    }

    /**
     * The similarity of one of the paper's metrics.
     *
     * @param name one of el-nivmf, el-vmf, b-vmf, kl-vmf, nivmf-point, l2, cos
     * @param p the parameters
     * @return the similarity
     * @throws IllegalArgumentException for any other name, listing the valid loss names
     */
    public static Similarity similarity(String name, LossParameters p) {
        switch (name) {
            case "el-nivmf":
                return new ElNivmf(p.samples(), p.nivmfForm(), p.normaliser(), p.kappaMin());
            case "el-vmf":
                return new ElVmf(p.normaliser(), p.kappaMin());
            case "b-vmf":
                return new BVmf(p.normaliser(), p.kappaMin());
            case "kl-vmf":
                return new KlVmf(p.normaliser(), p.kappaMin());
            case "nivmf-point":
                return new NivmfPoint(p.nivmfForm(), p.normaliser(), p.kappaMin());
            case "l2":
                return new L2(p.kappaMin());
            case "cos":
                return new Cos();
            default:
                throw new IllegalArgumentException(
                        "unknown loss '" + name + "'; valid names: " + String.join(", ", NAMES));
        }
    }
}
