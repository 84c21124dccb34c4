package org.pdml.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pdml.config.GroupMultipliers;
import org.pdml.config.OptimizerConfig;
import org.pdml.config.ScheduleConfig;

/**
 * Builds the per-group optimiser of docs/method.md §3: backbone, head, proxy directions, proxy κ
 * and temperature each get lr × multiplier and weight decay × multiplier, with the config's
 * schedule expressed in steps (milestones in epochs × steps per epoch).
 */
public final class OptimizerFactory {
    /** Group names, also the suffix of the tracked learning-rate metrics. */
    public static final String BACKBONE = "backbone";

    /** The embedding head's group. */
    public static final String HEAD = "head";

    /** The proxy directions' group. */
    public static final String PROXY = "proxy";

    /** The proxy concentrations' group. */
    public static final String KAPPA = "kappa";

    /** The temperature's group. */
    public static final String TEMPERATURE = "temperature";

    private OptimizerFactory() {}

    /**
     * Splits the block's parameters into the five groups.
     *
     * @param block the training block
     * @return group name → its parameters (prefixed names), in group order
     */
    public static Map<String, PairList<String, Parameter>> groups(TrainingBlock block) {
        Map<String, PairList<String, Parameter>> groups = new LinkedHashMap<>();
        groups.put(BACKBONE, named(BACKBONE, block.embedder().backbone()));
        groups.put(HEAD, named(HEAD, block.embedder().head()));
        groups.put(PROXY, single(PROXY, block.proxies().directions()));
        groups.put(KAPPA, single(KAPPA, block.proxies().kappa()));
        groups.put(TEMPERATURE, single(TEMPERATURE, block.proxies().temperature()));
        return groups;
    }

    private static PairList<String, Parameter> named(String prefix, Block block) {
        PairList<String, Parameter> out = new PairList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.add(prefix + "." + p.getKey(), p.getValue());
        }
        return out;
    }

    private static PairList<String, Parameter> single(String name, Parameter p) {
        PairList<String, Parameter> out = new PairList<>();
        out.add(name, p);
        return out;
    }

    /**
     * Builds the optimiser.
     *
     * @param config optimiser section
     * @param schedule schedule section
     * @param stepsPerEpoch optimiser steps per epoch
     * @param epochs total epochs (for cosine)
     * @param block the training block
     * @return the optimiser with five groups
     */
    public static PerGroupOptimizer build(
            OptimizerConfig config,
            ScheduleConfig schedule,
            int stepsPerEpoch,
            int epochs,
            TrainingBlock block) {
        PerGroupOptimizer.Builder builder = PerGroupOptimizer.builder();
        for (Map.Entry<String, PairList<String, Parameter>> g : groups(block).entrySet()) {
            float lr = (float) (config.lr() * multiplier(config.lrMultipliers(), g.getKey()));
            float wd =
                    (float)
                            (config.weightDecay()
                                    * multiplier(config.decayMultipliers(), g.getKey()));
            Tracker tracker = tracker(schedule, lr, stepsPerEpoch, epochs);
            builder.addGroup(group(config, g.getKey(), tracker, wd), g.getValue());
        }
        return builder.build();
    }

    private static ParameterGroup group(
            OptimizerConfig config, String name, Tracker lr, float weightDecay) {
        return switch (config.type()) {
            case ADAM -> ParameterGroup.adam(name, lr, weightDecay);
            case ADAMW -> ParameterGroup.adamW(name, lr, weightDecay);
            case SGD -> ParameterGroup.sgd(name, lr, weightDecay, (float) config.momentum());
        };
    }

    static Tracker tracker(ScheduleConfig schedule, float lr, int stepsPerEpoch, int epochs) {
        return switch (schedule.type()) {
            case NONE -> Schedules.constant(lr);
            case COSINE -> Schedules.cosine(lr, Math.max(1, stepsPerEpoch * epochs), 0f);
            case MULTISTEP ->
                    Schedules.multiStep(
                            lr,
                            schedule.milestones().stream()
                                    .mapToInt(e -> e * stepsPerEpoch)
                                    .toArray(),
                            (float) schedule.gamma());
        };
    }

    static double multiplier(GroupMultipliers m, String group) {
        return switch (group) {
            case BACKBONE -> m.backbone();
            case HEAD -> m.head();
            case PROXY -> m.proxy();
            case KAPPA -> m.kappa();
            case TEMPERATURE -> m.temperature();
            default -> throw new IllegalArgumentException("unknown parameter group " + group);
        };
    }
}
