package org.pdml.config;

import java.util.List;

/** Cross-field rules of the {@code train} section; part of {@link ConfigValidator}. */
final class TrainRules {
    private TrainRules() {}

    /**
     * Checks the train section.
     *
     * @param t the section
     * @param v where violations go
     */
    static void check(TrainConfig t, Violations v) {
        // 0 epochs is allowed: it exports the initial (untrained) network, the baseline that the
        // trained one must beat.
        v.atLeast(t.epochs(), 0, "train.epochs");
        v.atLeast(t.samplesPerClass(), 1, "train.samples_per_class");
        v.atLeast(t.batchSize(), 2, "train.batch_size");
        v.require(
                t.samplesPerClass() < 1 || t.batchSize() % t.samplesPerClass() == 0,
                "train.batch_size",
                "must be divisible by train.samples_per_class ("
                        + t.samplesPerClass()
                        + "), got "
                        + t.batchSize());
        v.atLeast(t.inputSize(), 8, "train.input_size");
        v.atLeast(t.gradClip(), 0, "train.grad_clip");
        v.atLeast(t.earlyStopping().patience(), 0, "train.early_stopping.patience");
        v.atLeast(t.numWorkers(), 1, "train.num_workers");
        v.atLeast(t.prefetch(), 1, "train.prefetch");
        v.atLeast(t.checkpointEvery(), 1, "train.checkpoint_every");
        device(t.device(), v);
        optimizer(t.optimizer(), v);
        schedule(t.schedule(), t.epochs(), v);
        augmentation(t.augmentation(), v);
    }

    private static void device(String device, Violations v) {
        try {
            DeviceRequest.parse(device);
        } catch (IllegalArgumentException e) {
            v.require(false, "train.device", e.getMessage());
        }
    }

    private static void optimizer(OptimizerConfig o, Violations v) {
        v.positive(o.lr(), "train.optimizer.lr");
        v.atLeast(o.weightDecay(), 0, "train.optimizer.weight_decay");
        v.require(
                o.momentum() >= 0 && o.momentum() < 1,
                "train.optimizer.momentum",
                "must be in [0, 1), got " + o.momentum());
        groups(o.lrMultipliers(), "train.optimizer.lr_multipliers.", v);
        groups(o.decayMultipliers(), "train.optimizer.decay_multipliers.", v);
    }

    private static void groups(GroupMultipliers g, String prefix, Violations v) {
        v.atLeast(g.backbone(), 0, prefix + "backbone");
        v.atLeast(g.head(), 0, prefix + "head");
        v.atLeast(g.proxy(), 0, prefix + "proxy");
        v.atLeast(g.kappa(), 0, prefix + "kappa");
        v.atLeast(g.temperature(), 0, prefix + "temperature");
    }

    private static void schedule(ScheduleConfig s, int epochs, Violations v) {
        String path = "train.schedule.milestones";
        if (s.type() != ScheduleConfig.Type.MULTISTEP) {
            v.require(s.milestones().isEmpty(), path, "is only used by schedule type multistep");
            return;
        }
        v.require(!s.milestones().isEmpty(), path, "must not be empty for multistep");
        // With 0 epochs the schedule never runs, so the milestones of the trained recipe stay
        // valid.
        v.require(
                s.milestones().stream().allMatch(m -> m >= 1 && (m <= epochs || epochs == 0)),
                path,
                "must be epochs in [1, train.epochs=" + epochs + "], got " + s.milestones());
        v.increasing(s.milestones(), path);
        v.require(
                s.gamma() > 0 && s.gamma() <= 1,
                "train.schedule.gamma",
                "must be in (0, 1], got " + s.gamma());
    }

    private static void augmentation(AugmentationConfig a, Violations v) {
        String crop = "train.augmentation.random_resized_crop.";
        range(a.randomResizedCrop().scale(), crop + "scale", 1.0, v);
        range(a.randomResizedCrop().ratio(), crop + "ratio", Double.POSITIVE_INFINITY, v);
        v.inRange(a.flipProb(), 0, 1, "train.augmentation.flip_prob");
        int channels = a.mean().size();
        v.require(
                channels == 1 || channels == 3,
                "train.augmentation.mean",
                "must hold 1 or 3 values, got " + channels);
        v.require(
                a.std().size() == channels,
                "train.augmentation.std",
                "must hold as many values as train.augmentation.mean (" + channels + ")");
        v.require(
                a.std().stream().allMatch(s -> s > 0),
                "train.augmentation.std",
                "must hold values > 0, got " + a.std());
        v.atLeast(a.centerCrop(), 8, "train.augmentation.center_crop");
        v.require(
                a.centerCrop() <= a.resize(),
                "train.augmentation.center_crop",
                "must be <= train.augmentation.resize (" + a.resize() + "), got " + a.centerCrop());
    }

    private static void range(List<Double> r, String path, double max, Violations v) {
        boolean ok = r.size() == 2 && r.get(0) > 0 && r.get(0) <= r.get(1) && r.get(1) <= max;
        v.require(
                ok,
                path,
                "must be [min, max] with 0 < min <= max"
                        + (Double.isInfinite(max) ? "" : " <= 1")
                        + ", got "
                        + r);
    }
}
