package org.pdml.train;

import ai.djl.training.tracker.Tracker;
import java.util.Arrays;

/**
 * Learning-rate schedules as DJL {@link Tracker}s of the update number t = 0, 1, 2, … (the number
 * of updates already applied), matching torch's schedulers stepped once per update.
 */
public final class Schedules {

    private Schedules() {}

    /**
     * torch's {@code MultiStepLR}: lr(t) = base·γ^{#{m ∈ milestones : m ≤ t}}.
     *
     * @param base initial learning rate
     * @param milestones update numbers at which the rate is multiplied by γ (ascending)
     * @param gamma the factor γ
     * @throws IllegalArgumentException if milestones are not strictly ascending and non-negative
     */
    public static Tracker multiStep(float base, int[] milestones, float gamma) {
        int[] m = milestones.clone();
        for (int i = 0; i < m.length; i++) {
            if (m[i] < 0 || (i > 0 && m[i] <= m[i - 1])) {
                throw new IllegalArgumentException(
                        "milestones must be ascending and >= 0: " + Arrays.toString(m));
            }
        }
        return t -> {
            int passed = 0;
            while (passed < m.length && m[passed] <= t) {
                passed++;
            }
            return (float) (base * Math.pow(gamma, passed));
        };
    }

    /**
     * torch's {@code CosineAnnealingLR} without restarts: lr(t) = min + (base − min)(1 +
     * cos(π·min(t, T)/T))/2.
     *
     * @param base initial learning rate
     * @param totalSteps T, the update number at which the minimum is reached
     * @param min final learning rate
     * @throws IllegalArgumentException if T is not positive
     */
    public static Tracker cosine(float base, int totalSteps, float min) {
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("cosine schedule needs totalSteps > 0");
        }
        return t -> {
            double progress = Math.min(t, totalSteps) / (double) totalSteps;
            return (float) (min + (base - min) * (1 + Math.cos(Math.PI * progress)) / 2);
        };
    }

    /** Returns a constant rate. */
    public static Tracker constant(float value) {
        return Tracker.fixed(value);
    }
}
