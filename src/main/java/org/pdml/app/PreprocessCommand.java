package org.pdml.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.pdml.config.ConfigException;
import org.pdml.config.ConfigLoader;
import org.pdml.config.PdmlConfig;
import org.pdml.config.ResolvedConfig;
import org.pdml.config.TrackingConfig;
import org.pdml.preprocess.PreparedDataset;
import org.pdml.preprocess.PreprocessOptions;
import org.pdml.preprocess.PreprocessStage;
import org.pdml.preprocess.RunnerChoice;
import org.pdml.preprocess.datasets.DatasetCatalog;
import org.pdml.preprocess.datasets.EmojiVendor;
import org.pdml.preprocess.datasets.EmojiVendors;
import org.pdml.preprocess.datasets.KanjiFont;
import org.pdml.preprocess.datasets.KanjiFonts;
import org.pdml.preprocess.datasets.RemoteDatasets;
import org.pdml.provenance.Seeds;
import org.pdml.tracking.mlflow.MlflowTrackerSettings;
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

    /** With {@code --config}: the config's tracking section under the tracking flags. */
    private TrackingConfig trackingFromConfig;

    @Override
    public Integer call() throws Exception {
        if (config != null) {
            Optional<ResolvedConfig> loaded = loadConfig();
            if (loaded.isEmpty()) {
                return ConfigCommand.INVALID_CONFIG;
            }
            PdmlConfig c = loaded.get().config();
            return RecordedPreprocess.call(
                    c, fromConfig(loaded.get()), spec.commandLine().getOut());
        }
        if (dataset == null || output == null) {
            throw new ParameterException(
                    spec.commandLine(), "give --config, or both --dataset and --output");
        }
        if (!overrides.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "key=value overrides need --config: " + overrides);
        }
        try (RunTracking tracking =
                RunTracking.open(
                        trackingFromConfig != null ? trackingFromConfig : trackingArgs.resolve(),
                        "preprocess",
                        MlflowTrackerSettings.DEFAULT_SPOOL_DIR)) {
            return StageTracking.tracked(
                    tracking.root(),
                    "preprocess",
                    run -> {
                        SortedMap<String, String> params = params();
                        run.logParams(params);
                        int status = preprocess();
                        StageTracking.logPreprocessed(
                                run, params, new Seeds(seed), Path.of(output));
                        return status;
                    });
        }
    }

    /** The options that shape the examples, as params ({@code data.<key>} like the config's). */
    SortedMap<String, String> params() {
        SortedMap<String, String> p = new TreeMap<>();
        p.put("data.dataset", dataset);
        p.put("data.source", String.valueOf(source));
        p.put("data.output", output);
        p.put("data.image_size", Integer.toString(imageSize));
        p.put("data.encoding", encoding);
        p.put("data.jpeg_quality", Integer.toString(jpegQuality));
        p.put("data.num_shards", Integer.toString(numShards));
        p.put("data.val_fraction", Double.toString(valFraction));
        p.put("data.runner", runner);
        p.put("data.max_reject_fraction", Double.toString(maxRejectFraction));
        p.put("data.max_pixels", Long.toString(maxPixels));
        p.put("data.max_aspect", Double.toString(maxAspect));
        p.put("data.emoji.vendors", vendors == null ? "default" : String.join(",", vendors));
        p.put("data.max_classes_per_split", Integer.toString(classesPerHalf));
        p.put("data.min_instances_per_class", Integer.toString(minInstancesPerClass));
        p.put("data.emoji.background", background);
        p.put("data.private_sources", Boolean.toString(privateSources));
        p.put("data.lenient_counts", Boolean.toString(lenientCounts));
        p.put("data.beam", String.join(" ", beamArgs));
        p.put("seed", Long.toString(seed));
        return p;
    }

    private int preprocess() throws Exception {
        // Before the index: reading a large one only to fail on the output wastes minutes.
        PreprocessStage.requireWritableOutput(output);
        PreprocessOptions options = pipelineOptions();
        PreparedDataset prepared = prepare(options);
        options.setDataset(prepared.name());
        options.setSource(prepared.root());
        options.setOutput(output);
        options.setImageSize(imageSize);
        options.setEncoding(encoding);
        options.setJpegQuality(jpegQuality);
        options.setNumShards(numShards);
        options.setValFraction(valFraction);
        options.setSeed(seed);
        options.setMaxRejectFraction(maxRejectFraction);
        options.setMaxPixels(maxPixels);
        options.setMaxAspect(maxAspect);
        options.setBackground(background);
        options.setOverwrite(overwrite);
        PreprocessStage.run(options, prepared, System.out::println);
        return 0;
    }

    /** The Beam options of {@code --beam} (runner, GCS settings), before the data options. */
    PreprocessOptions pipelineOptions() {
        return PipelineOptionsFactory.fromArgs(beamArgs()).as(PreprocessOptions.class);
    }

    /**
     * Reads the source's index: a remote root ({@code gs://…}) through {@link RemoteDatasets}, with
     * the options' file-system settings, a local one through the catalog.
     *
     * @param options the pipeline options (GCS credentials, {@code --gcsEndpoint})
     * @return the prepared dataset
     * @throws IOException if the index cannot be read
     */
    PreparedDataset prepare(PreprocessOptions options) throws IOException {
        return prepare(options, System.out::println);
    }

    /**
     * As {@link #prepare(PreprocessOptions)}, with the reader's progress lines sent to {@code
     * progress} ({@code pdml fingerprint} keeps its stdout for the fingerprint).
     *
     * @param options the pipeline options
     * @param progress receives progress lines
     * @return the prepared dataset
     * @throws IOException if the index cannot be read
     */
    PreparedDataset prepare(PreprocessOptions options, java.util.function.Consumer<String> progress)
            throws IOException {
        String root = sourceRoot();
        DatasetCatalog.Request request = request();
        return RemoteDatasets.isRemote(root)
                ? RemoteDatasets.prepare(options, root, request, progress)
                : DatasetCatalog.prepare(request, progress);
    }

    /** The index request these options describe (also what {@code pdml fingerprint} reads). */
    DatasetCatalog.Request request() {
        String root = sourceRoot();
        return new DatasetCatalog.Request(
                dataset,
                RemoteDatasets.isRemote(root) ? null : Path.of(root),
                !lenientCounts,
                emojiConfig(),
                kanjiConfig(),
                valFraction,
                new Seeds(seed),
                minInstancesPerClass);
    }

    /** {@code --source}, or the package cache for package-built datasets. */
    private String sourceRoot() {
        return source != null ? source : Path.of(".cache", "datasets").toString();
    }

    /** Emoji-Vendors settings; only validated when that dataset is chosen. */
    private EmojiVendors.Config emojiConfig() {
        if (!dataset.equalsIgnoreCase(EmojiVendors.NAME)) {
            return null;
        }
        List<EmojiVendor> chosen = new ArrayList<>();
        if (vendors == null) {
            chosen.addAll(EmojiVendors.Config.defaultVendors());
        } else {
            vendors.forEach(v -> chosen.add(EmojiVendor.parse(v)));
        }
        return new EmojiVendors.Config(chosen, classesPerHalf, privateSources);
    }

    /** Kanji-Fonts settings; only validated when that dataset is chosen. */
    private KanjiFonts.Config kanjiConfig() {
        if (!dataset.equalsIgnoreCase(KanjiFonts.NAME)) {
            return null;
        }
        List<KanjiFont> chosen = new ArrayList<>();
        if (fonts == null || fonts.isEmpty()) {
            chosen.addAll(List.of(KanjiFont.values()));
        } else {
            fonts.forEach(f -> chosen.add(KanjiFont.parse(f)));
        }
        return new KanjiFonts.Config(chosen, renderSize, classesPerHalf);
    }

    /**
     * The command that {@code pdml run} would build from the config, plus the flags that are not
     * config keys; a data flag given next to {@code --config} is refused rather than ignored.
     */
    private PreprocessCommand fromConfig(ResolvedConfig resolved) {
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
        PreprocessCommand p = PreprocessNode.command(resolved.config());
        p.overwrite = overwrite;
        p.lenientCounts = lenientCounts;
        p.beamArgs = withOverrides(p.beamArgs, beamArgs);
        p.trackingFromConfig = trackingArgs.resolve(resolved.config());
        return p;
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

    private String[] beamArgs() {
        return RunnerChoice.parse(runner).pipelineArgs(beamArgs).toArray(String[]::new);
    }
}
