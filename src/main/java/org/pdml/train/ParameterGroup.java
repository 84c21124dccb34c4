package org.pdml.train;

import ai.djl.training.tracker.Tracker;
import java.util.Objects;

/**
 * The update rule of one parameter group (e.g. backbone, head, proxy directions, proxy κ,
 * temperature): algorithm, schedule and hyper-parameters, with torch's semantics.
 *
 * <ul>
 *   <li>ADAM: g ← g + λw; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; w ← w − lr/(1−β₁ᵗ)·m/(√v/√(1−β₂ᵗ)
 *       + ε).
 *   <li>ADAMW: w ← w(1 − lr·λ), then the Adam step without the λw term.
 *   <li>SGD: g ← g + λw; b ← g on the first step, else μb + g; w ← w − lr·b (plain g when μ = 0).
 * </ul>
 *
 * @param name group name, used as the prefix of state keys
 * @param algorithm the rule
 * @param learningRate lr as a function of the update number t = 0, 1, …
 * @param weightDecay λ ≥ 0
 * @param beta1 β₁ (Adam)
 * @param beta2 β₂ (Adam)
 * @param epsilon ε (Adam)
 * @param momentum μ (SGD)
 */
public record ParameterGroup(
        String name,
        Algorithm algorithm,
        Tracker learningRate,
        float weightDecay,
        float beta1,
        float beta2,
        float epsilon,
        float momentum) {

    /** The supported update rules. */
    public enum Algorithm {
        /** Adam with L2 weight decay added to the gradient (torch.optim.Adam). */
        ADAM,
        /** Adam with decoupled weight decay (torch.optim.AdamW). */
        ADAMW,
        /** SGD with optional heavy-ball momentum (torch.optim.SGD, dampening 0). */
        SGD
    }

    /** Validates the fields. */
    public ParameterGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(learningRate, "learningRate");
        if (weightDecay < 0 || momentum < 0 || epsilon <= 0) {
            throw new IllegalArgumentException(
                    "group " + name + ": weightDecay, momentum must be >= 0 and epsilon > 0");
        }
    }

    /** Returns an Adam group with torch's defaults β = (0.9, 0.999), ε = 1e-8. */
    public static ParameterGroup adam(String name, Tracker learningRate, float weightDecay) {
        return new ParameterGroup(
                name, Algorithm.ADAM, learningRate, weightDecay, 0.9f, 0.999f, 1e-8f, 0f);
    }

    /** Returns an AdamW group with torch's defaults β = (0.9, 0.999), ε = 1e-8. */
    public static ParameterGroup adamW(String name, Tracker learningRate, float weightDecay) {
        return new ParameterGroup(
                name, Algorithm.ADAMW, learningRate, weightDecay, 0.9f, 0.999f, 1e-8f, 0f);
    }

    /** Returns an SGD group with momentum μ. */
    public static ParameterGroup sgd(
            String name, Tracker learningRate, float weightDecay, float momentum) {
        return new ParameterGroup(
                name, Algorithm.SGD, learningRate, weightDecay, 0f, 0f, 1e-8f, momentum);
    }
}
