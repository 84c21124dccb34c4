package org.pdml.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import org.pdml.config.ConfigException;
import org.pdml.config.ConfigLoader;
import org.pdml.config.DataConfig.DatasetKind;
import org.pdml.config.DataConfig.ImageEncoding;
import org.pdml.config.DataConfig.Runner;
import org.pdml.config.PdmlConfig;
import org.pdml.config.ResolvedConfig;
import org.pdml.config.TrackingConfig;
import org.pdml.preprocess.PreprocessRequest;
import org.pdml.preprocess.Preprocessor;
import org.pdml.preprocess.datasets.EmojiVendor;
import org.pdml.preprocess.datasets.EmojiVendors;
import org.pdml.preprocess.datasets.KanjiFont;
import org.pdml.preprocess.datasets.KanjiFonts;
import org.pdml.provenance.Seeds;
import org.pdml.tracking.mlflow.MlflowTrackerSettings;
import org.pdml.util.WireNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pdml preprocess}: prepares a dataset's index and runs the Beam preprocessing stage. The
 * options come either from flags or, with {@code --config}, from the config's {@code data} section
 * exactly as {@code pdml run} maps it (so scheduled workflows preprocess with the same config they
 * train with), and a local output is recorded in the config's stage store ({@link
 * RecordedPreprocess}) for {@code pdml run} to reuse. Each call is tracked as one MLflow run
 * (options as params, provenance tags, split counts, the manifest).
 */
@Command(
        name = "preprocess",
        mixinStandardHelpOptions = true,
        description = "Decode, resize and encode a dataset into TFRecord shards with a manifest.")
public final class PreprocessCommand implements Callable<Integer> {

    /** The flags that are not config keys and so combine with {@code --config}. */
    private static final Set<String> WITH_CONFIG =
            Set.of(
                    "--config",
                    "--overwrite",
                    "--lenient-counts",
                    "--beam",
                    "--tracking",
                    "--experiment",
                    "--tracking-uri");

    @Spec CommandSpec spec;

    @Option(
            names = "--config",
            description =
                    "Take the data options from this config's data section (as pdml run does);"
                            + " only --overwrite, --lenient-counts and --beam combine with it."
                            + " Required unless --dataset and --output are given.")
    Path config;

    @Parameters(
            paramLabel = "key=value",
            arity = "0..*",
            description = "Config overrides with dotted keys (only with --config).")
    List<String> overrides = new ArrayList<>();

    @Option(
            names = "--dataset",
            description =
                    "cub200, cars196, sop, inshop, csv, folder, emoji-vendors or kanji-fonts.")
    String dataset;

    @Option(
            names = "--source",
            description =
                    "Dataset root (local or gs://); for package-built datasets the package cache"
                            + " (default .cache/datasets).")
    String source;

    @Option(names = "--output", description = "Examples folder (local or gs://).")
    String output;

    @Option(
            names = "--image-size",
            defaultValue = "256",
            description = "Shorter side in pixels (default ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(
            names = "--encoding",
            defaultValue = "jpeg",
            description = "jpeg or png (default ${DEFAULT-VALUE}).")
    String encoding;

    @Option(
            names = "--jpeg-quality",
            defaultValue = "90",
            description = "JPEG quality 1-100 (default ${DEFAULT-VALUE}).")
    int jpegQuality;

    @Option(
            names = "--num-shards",
            defaultValue = "4",
            description = "Shards per split (default ${DEFAULT-VALUE}).")
    int numShards;

    @Option(
            names = "--val-fraction",
            defaultValue = "0",
            description = "Fraction of training classes carved into validation.")
    double valFraction;

    @Option(names = "--seed", defaultValue = "0", description = "Root seed (carve: data.split).")
    long seed;

    @Option(
            names = "--runner",
            defaultValue = "direct",
            description =
                    "direct, flink (needs the -Pflink build) or dataflow (needs the -Pdataflow build"
                            + " and --beam options, see infra/gcp/README.md).")
    String runner;

    @Option(
            names = "--max-reject-fraction",
            defaultValue = "0.01",
            description = "Fail when more entries are rejected (default ${DEFAULT-VALUE}).")
    double maxRejectFraction;

    @Option(
            names = "--max-pixels",
            defaultValue = "100000000",
            description = "Refuse images larger than this many pixels.")
    long maxPixels;

    @Option(
            names = "--max-aspect",
            defaultValue = "20",
            description =
                    "Refuse images whose longer side exceeds this many times the shorter"
                            + " (default ${DEFAULT-VALUE}).")
    double maxAspect = 20;

    @Option(names = "--overwrite", description = "Replace an existing examples folder.")
    boolean overwrite;

    @Option(
            names = "--vendors",
            split = ",",
            description = "Emoji-Vendors vendors (default google,twitter).")
    List<String> vendors;

    @Option(
            names = "--classes-per-half",
            defaultValue = "0",
            description = "Emoji-Vendors, Kanji-Fonts: first k classes of each half (0 = all).")
    int classesPerHalf;

    @Option(
            names = "--min-instances-per-class",
            defaultValue = "1",
            description =
                    "Drop classes with fewer instances than this before the validation carve"
                            + " (default ${DEFAULT-VALUE}: keep all; configs default to 2).")
    int minInstancesPerClass = 1;

    @Option(
            names = "--background",
            defaultValue = "#FFFFFF",
            description =
                    "Colour #RRGGBB that transparent pixels are composited onto (default"
                            + " ${DEFAULT-VALUE}).")
    String background = "#FFFFFF";

    @Option(
            names = "--fonts",
            split = ",",
            description =
                    "Kanji-Fonts Debian font packages, optionally pinned name=version (default: all 19).")
    List<String> fonts;

    @Option(
            names = "--render-size",
            defaultValue = "64",
            description = "Kanji-Fonts glyph rendering size in pixels (default ${DEFAULT-VALUE}).")
    int renderSize;

    @Option(
            names = "--lenient-counts",
            description = "Do not require the published counts (CUB, CARS196, SOP, In-Shop).")
    boolean lenientCounts;

    @Option(
            names = "--private-sources",
            description = "Allow private-only art (Apple, Facebook emoji).")
    boolean privateSources;

    @Option(
            names = "--beam",
            description = "Extra Beam pipeline option, e.g. --beam=--flinkMaster=[local].")
    List<String> beamArgs = new ArrayList<>();

    @Mixin TrackingArgs trackingArgs = new TrackingArgs();

    @Override
    public Integer call() throws Exception {
        if (config != null) {
            Optional<ResolvedConfig> loaded = loadConfig();
            if (loaded.isEmpty()) {
                return ConfigCommand.INVALID_CONFIG;
            }
            refuseDataFlagsWithConfig();
            PdmlConfig c = loaded.get().config();
            return RecordedPreprocess.call(
                    c,
                    () -> tracked(fromConfig(c), trackingArgs.resolve(c)),
                    spec.commandLine().getOut());
        }
        if (dataset == null || output == null) {
            throw new ParameterException(
                    spec.commandLine(), "give --config, or both --dataset and --output");
        }
        if (!overrides.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "key=value overrides need --config: " + overrides);
        }
        return tracked(request(), trackingArgs.resolve());
    }

    /** Runs the request as one tracked run (params, provenance tags, split counts, manifest). */
    private static int tracked(PreprocessRequest request, TrackingConfig tracking)
            throws Exception {
        try (RunTracking t =
                RunTracking.open(tracking, "preprocess", MlflowTrackerSettings.DEFAULT_SPOOL_DIR)) {
            return StageTracking.tracked(
                    t.root(),
                    "preprocess",
                    run -> {
                        SortedMap<String, String> params = request.params();
                        run.logParams(params);
                        Preprocessor.run(request, System.out::println);
                        StageTracking.logPreprocessed(
                                run, params, new Seeds(request.seed()), Path.of(request.output()));
                        return 0;
                    });
        }
    }

    /**
     * The request these flags describe.
     *
     * @return the request
     * @throws IllegalArgumentException naming the flag, for an unknown dataset, encoding, runner,
     *     vendor or font
     */
    PreprocessRequest request() {
        DatasetKind kind = WireNames.parse(DatasetKind.class, dataset, "--dataset");
        return new PreprocessRequest(
                kind,
                source,
                output,
                new PreprocessRequest.Images(
                        imageSize,
                        WireNames.parse(ImageEncoding.class, encoding, "--encoding"),
                        jpegQuality,
                        background,
                        maxPixels,
                        maxAspect),
                numShards,
                valFraction,
                seed,
                WireNames.parse(Runner.class, runner, "--runner"),
                beamArgs,
                maxRejectFraction,
                minInstancesPerClass,
                kind == DatasetKind.EMOJI_VENDORS ? emojiConfig() : null,
                kind == DatasetKind.KANJI_FONTS ? kanjiConfig() : null,
                !lenientCounts,
                overwrite);
    }

    /** Emoji-Vendors settings of {@code --vendors} (default: the default vendors). */
    private EmojiVendors.Config emojiConfig() {
        List<EmojiVendor> chosen = new ArrayList<>();
        if (vendors == null) {
            chosen.addAll(EmojiVendors.Config.defaultVendors());
        } else {
            vendors.forEach(v -> chosen.add(EmojiVendor.parse(v)));
        }
        return new EmojiVendors.Config(chosen, classesPerHalf, privateSources);
    }

    /** Kanji-Fonts settings of {@code --fonts} (default: every font). */
    private KanjiFonts.Config kanjiConfig() {
        List<KanjiFont> chosen = new ArrayList<>();
        if (fonts == null || fonts.isEmpty()) {
            chosen.addAll(List.of(KanjiFont.values()));
        } else {
            fonts.forEach(f -> chosen.add(KanjiFont.parse(f)));
        }
        return new KanjiFonts.Config(chosen, renderSize, classesPerHalf);
    }

    /**
     * The request that {@code pdml run} makes of the config, plus the flags that are not config
     * keys.
     */
    private PreprocessRequest fromConfig(PdmlConfig c) {
        return PreprocessRequest.of(c.data(), c.seed())
                .withOutput(c.data().output(), overwrite)
                .withCountsAndBeam(!lenientCounts, withOverrides(c.data().beam(), beamArgs));
    }

    /** With {@code --config} a data flag is refused rather than ignored. */
    private void refuseDataFlagsWithConfig() {
        List<String> conflicting =
                spec.commandLine().getParseResult().matchedOptions().stream()
                        .map(OptionSpec::longestName)
                        .filter(n -> !WITH_CONFIG.contains(n))
                        .toList();
        if (!conflicting.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "with --config the data options come from the config; use key=value"
                            + " overrides (e.g. data.image_size=64) instead of "
                            + conflicting);
        }
    }

    /**
     * The config's {@code data.beam} options followed by the {@code --beam} flags; a flag replaces
     * a config option of the same name, since Beam refuses a scalar option given twice.
     */
    static List<String> withOverrides(List<String> fromConfig, List<String> flags) {
        Set<String> named = new HashSet<>();
        flags.forEach(f -> named.add(optionName(f)));
        List<String> merged = new ArrayList<>();
        fromConfig.stream().filter(o -> !named.contains(optionName(o))).forEach(merged::add);
        merged.addAll(flags);
        return merged;
    }

    private static String optionName(String option) {
        int eq = option.indexOf('=');
        return eq < 0 ? option : option.substring(0, eq);
    }

    private Optional<ResolvedConfig> loadConfig() {
        try {
            return Optional.of(ConfigLoader.load(config, overrides));
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return Optional.empty();
        }
    }
}
