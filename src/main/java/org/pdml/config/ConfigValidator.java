package org.pdml.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Cross-field rules, checked before any work starts. Rules that need the file system (inputs exist)
 * are in {@link InputPaths}, because a config is valid on a machine without the data.
 */
public final class ConfigValidator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern PACKAGE = Pattern.compile("(@[^/\\s]+/)?[^@=\\s]+[@=][^@=\\s]+");
    private static final Pattern BEAM_OPTION = Pattern.compile("--[A-Za-z][A-Za-z0-9]*=.*");
    private static final Pattern COLOUR = Pattern.compile("#[0-9A-Fa-f]{6}");

    private ConfigValidator() {}

    /**
     * Checks every cross-field rule.
     *
     * @param config a bound config
     * @param source its file name, for the message
     * @throws ConfigException listing all violations with their key paths
     */
    public static void validate(PdmlConfig config, String source) {
        Violations v = new Violations();
        v.require(NAME.matcher(config.name()).matches(), "name", "must match " + NAME);
        v.require(NAME.matcher(config.experiment()).matches(), "experiment", "must match " + NAME);
        v.require(!config.runsRoot().isBlank(), "runs_root", "must not be empty");
        data(config.data(), v);
        model(config.model(), v);
        loss(config.loss(), config.train().epochs(), v);
        TrainRules.check(config.train(), v);
        eval(config.eval(), v);
        tracking(config.tracking(), v);
        engine(config.engine(), v);
        v.throwIfAny(source);
    }

    private static void data(DataConfig d, Violations v) {
        v.require(!d.source().isBlank(), "data.source", "must not be empty");
        v.require(!d.output().isBlank(), "data.output", "must not be empty");
        v.atLeast(d.imageSize(), 8, "data.image_size");
        v.inRange(d.jpegQuality(), 1, 100, "data.jpeg_quality");
        v.atLeast(d.numShards(), 1, "data.num_shards");
        v.require(
                d.valFraction() >= 0 && d.valFraction() < 1,
                "data.val_fraction",
                "must be in [0, 1), got " + d.valFraction());
        v.atLeast(d.maxPixels(), 1, "data.max_pixels");
        v.atLeast(d.maxAspect(), 1, "data.max_aspect");
        v.inRange(d.maxRejectFraction(), 0, 1, "data.max_reject_fraction");
        v.atLeast(d.maxClassesPerSplit(), 0, "data.max_classes_per_split");
        v.atLeast(d.minInstancesPerClass(), 1, "data.min_instances_per_class");
        for (String p : d.packages()) {
            v.require(
                    PACKAGE.matcher(p).matches(),
                    "data.packages",
                    "entries must be 'name@version' (npm) or 'name=version' (Debian), got '"
                            + p
                            + "'");
        }
        for (String b : d.beam()) {
            v.require(
                    BEAM_OPTION.matcher(b).matches() && !b.startsWith("--runner="),
                    "data.beam",
                    "entries must be '--name=value' Beam options (the runner is data.runner), got '"
                            + b
                            + "'");
        }
        emoji(d, v);
        v.atLeast(d.kanji().renderSize(), 8, "data.kanji.render_size");
    }

    private static void emoji(DataConfig d, Violations v) {
        List<String> vendors = d.emoji().vendors();
        if (d.dataset() == DataConfig.DatasetKind.EMOJI_VENDORS) {
            v.require(!vendors.isEmpty(), "data.emoji.vendors", "must name at least one vendor");
        }
        for (String vendor : vendors) {
            boolean open = EmojiOptions.PUBLIC_VENDORS.contains(vendor);
            boolean closed = EmojiOptions.PRIVATE_VENDORS.contains(vendor);
            v.require(
                    open || closed,
                    "data.emoji.vendors",
                    "has unknown vendor '"
                            + vendor
                            + "' (known: google|twitter|gemojione|openmoji"
                            + "|apple|facebook)");
            v.require(
                    !closed || d.privateSources(),
                    "data.emoji.vendors",
                    "names '"
                            + vendor
                            + "', whose art is not licensed for redistribution: set"
                            + " data.private_sources=true (local experiments only)");
        }
        v.require(
                COLOUR.matcher(d.emoji().background()).matches(),
                "data.emoji.background",
                "must be #RRGGBB, got '" + d.emoji().background() + "'");
    }

    private static void model(ModelConfig m, Violations v) {
        boolean needsFile = m.backbone() == ModelConfig.Backbone.TORCHSCRIPT;
        boolean hasFile = m.torchscriptPath() != null && !m.torchscriptPath().isBlank();
        v.require(
                !needsFile || hasFile,
                "model.torchscript_path",
                "is required when model.backbone is torchscript");
        v.require(
                needsFile || !hasFile,
                "model.torchscript_path",
                "is only used with model.backbone=torchscript");
        v.atLeast(m.embeddingDim(), 2, "model.embedding_dim");
        v.atLeast(m.poolGrid(), 1, "model.pool_grid");
        v.require(
                m.poolGrid() == 1 || m.backbone() == ModelConfig.Backbone.SMALL_CNN,
                "model.pool_grid",
                "is only used by backbone small-cnn, got " + m.poolGrid());
        v.positive(m.initNorm(), "model.init_norm");
    }

    private static void loss(LossConfig l, int epochs, Violations v) {
        v.atLeast(l.samples(), 1, "loss.samples");
        v.atLeast(l.guidanceWeight(), 0, "loss.guidance_weight");
        v.positive(l.alpha(), "loss.alpha");
        v.atLeast(l.delta(), 0, "loss.delta");
        v.positive(l.kappaInit(), "loss.kappa_init");
        v.atLeast(l.kappaMin(), 0, "loss.kappa_min");
        v.require(
                l.kappaMin() <= l.kappaInit(),
                "loss.kappa_min",
                "must be <= loss.kappa_init (" + l.kappaInit() + "), got " + l.kappaMin());
        v.positive(l.temperature().init(), "loss.temperature.init");
        // A negative train.epochs is reported on its own key; bounding the warm-up by it would
        // add a second, misleading message ("must be in [0, -1]").
        v.inRange(l.warmupEpochs(), 0, Math.max(epochs, 0), "loss.warmup_epochs");
        v.require(
                l.subsampleP() > 0 && l.subsampleP() <= 1,
                "loss.subsample_p",
                "must be in (0, 1], got " + l.subsampleP());
    }

    private static void eval(EvalConfig e, Violations v) {
        v.require(!e.kList().isEmpty(), "eval.k_list", "must not be empty");
        v.require(
                e.kList().stream().allMatch(k -> k > 0),
                "eval.k_list",
                "must hold positive values, got " + e.kList());
        v.increasing(e.kList(), "eval.k_list");
        v.atLeast(e.blockSize(), 1, "eval.block_size");
        v.atLeast(e.nmi().nInit(), 1, "eval.nmi.n_init");
        v.atLeast(e.nmi().maxIter(), 1, "eval.nmi.max_iter");
        v.atLeast(e.eceBins(), 1, "eval.ece_bins");
        v.atLeast(e.knnVoteK(), 1, "eval.knn_vote_k");
    }

    private static void tracking(TrackingConfig t, Violations v) {
        v.require(
                t.experiment() == null || !t.experiment().isBlank(),
                "tracking.experiment",
                "must be absent or a name, got an empty string");
        v.require(
                t.uri() == null || !t.uri().isBlank(),
                "tracking.uri",
                "must be absent or a URI, got an empty string");
    }

    private static void engine(EngineConfig e, Violations v) {
        try {
            e.libtorchRequest();
        } catch (IllegalArgumentException ex) {
            v.require(false, "engine.libtorch", ex.getMessage());
        }
    }
}
