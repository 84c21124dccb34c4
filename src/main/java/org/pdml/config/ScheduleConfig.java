package org.pdml.config;

import java.util.List;

/**
 * Learning-rate schedule over epochs: multistep multiplies every group's rate by {@code gamma} at
 * each milestone epoch; cosine anneals from the base rate to 0 over all epochs.
 *
 * @param type schedule
 * @param milestones strictly increasing epochs (multistep)
 * @param gamma decay factor at each milestone (multistep)
 */
public record ScheduleConfig(
        @Doc("Schedule") Type type,
        @Doc("Epochs at which the rate is multiplied by gamma, increasing (multistep)")
                List<Integer> milestones,
        @Doc("Factor applied at each milestone, in (0,1] (multistep)") double gamma) {

    /** Copies the milestone list so the record stays immutable. */
    public ScheduleConfig {
        milestones = List.copyOf(milestones);
    }

    /** Schedules. */
    public enum Type {
        /** Step decay at milestones (reference MultiStepLR). */
        MULTISTEP,
        /** Cosine annealing to 0. */
        COSINE,
        /** Constant rate. */
        NONE
    }
}
