package org.pdml.config;

/**
 * Optimiser with per-parameter-group rates. Group g uses learning rate {@code lr ×
 * lr_multipliers.g} and weight decay {@code weight_decay × decay_multipliers.g}.
 *
 * @param type optimiser
 * @param lr base learning rate
 * @param weightDecay base weight decay (L2 for adam/sgd, decoupled for adamw)
 * @param momentum SGD momentum (ignored by adam/adamw)
 * @param lrMultipliers per-group learning-rate multipliers
 * @param decayMultipliers per-group weight-decay multipliers
 */
public record OptimizerConfig(
        @Doc("Optimiser") Type type,
        @Doc("Base learning rate") double lr,
        @Doc("Base weight decay") double weightDecay,
        @Doc("SGD momentum (sgd only)") double momentum,
        @Doc("Learning-rate multipliers per group (reference: proxy x, kappa x, templrmulti)")
                GroupMultipliers lrMultipliers,
        @Doc("Weight-decay multipliers per parameter group") GroupMultipliers decayMultipliers) {

    /** Optimisers. */
    public enum Type {
        /** Adam with L2 weight decay (the reference). */
        ADAM,
        /** Adam with decoupled weight decay. */
        ADAMW,
        /** SGD with momentum. */
        SGD
    }
}
