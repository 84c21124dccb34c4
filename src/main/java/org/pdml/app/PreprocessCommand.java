package org.pdml.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.pdml.preprocess.PreparedDataset;
import org.pdml.preprocess.PreprocessOptions;
import org.pdml.preprocess.PreprocessStage;
import org.pdml.preprocess.datasets.DatasetCatalog;
import org.pdml.preprocess.datasets.EmojiVendor;
import org.pdml.preprocess.datasets.EmojiVendors;
import org.pdml.tracking.mlflow.MlflowTrackerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pdml preprocess}: prepares a dataset's index and runs the Beam preprocessing stage,
 * tracked as one MLflow run (options as params, provenance tags, split counts, the manifest).
 */
@Command(
        name = "preprocess",
        mixinStandardHelpOptions = true,
        description = "Decode, resize and encode a dataset into TFRecord shards with a manifest.")
public final class PreprocessCommand implements Callable<Integer> {

    @Option(
            names = "--dataset",
            required = true,
            description =
                    "cub200, cars196, sop, inshop, csv, folder, emoji-vendors or kanji-fonts.")
    String dataset;

    @Option(
            names = "--source",
            description =
                    "Dataset root; for package-built datasets the package cache (default .cache/datasets).")
    Path source;

    @Option(names = "--output", required = true, description = "Examples folder (local or gs://).")
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

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the validation carve.")
    long seed;

    @Option(
            names = "--runner",
            defaultValue = "direct",
            description = "direct or flink (flink needs the -Pflink build).")
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
            description = "Emoji-Vendors: first k classes of each half (0 = all).")
    int classesPerHalf;

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
        try (RunTracking tracking =
                RunTracking.open(
                        trackingArgs.resolve(),
                        "preprocess",
                        MlflowTrackerSettings.DEFAULT_SPOOL_DIR)) {
            return StageTracking.tracked(
                    tracking.root(),
                    "preprocess",
                    run -> {
                        SortedMap<String, String> params = params();
                        run.logParams(params);
                        int status = preprocess();
                        StageTracking.logPreprocessed(run, params, seed, Path.of(output));
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
        p.put("data.emoji.vendors", vendors == null ? "default" : String.join(",", vendors));
        p.put("data.max_classes_per_split", Integer.toString(classesPerHalf));
        p.put("data.private_sources", Boolean.toString(privateSources));
        p.put("data.lenient_counts", Boolean.toString(lenientCounts));
        p.put("data.beam", String.join(" ", beamArgs));
        p.put("seed", Long.toString(seed));
        return p;
    }

    private int preprocess() throws Exception {
        PreprocessOptions options =
                PipelineOptionsFactory.fromArgs(beamArgs()).as(PreprocessOptions.class);
        Path root = source != null ? source : Path.of(".cache", "datasets");
        List<EmojiVendor> chosen = new ArrayList<>();
        if (vendors == null) {
            chosen.addAll(EmojiVendors.Config.defaultVendors());
        } else {
            vendors.forEach(v -> chosen.add(EmojiVendor.parse(v)));
        }
        PreparedDataset prepared =
                DatasetCatalog.prepare(
                        new DatasetCatalog.Request(
                                dataset,
                                root,
                                !lenientCounts,
                                new EmojiVendors.Config(chosen, classesPerHalf, privateSources),
                                valFraction,
                                seed),
                        System.out::println);
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
        options.setOverwrite(overwrite);
        PreprocessStage.run(options, prepared, System.out::println);
        return 0;
    }

    private String[] beamArgs() {
        List<String> args = new ArrayList<>(beamArgs);
        switch (runner.toLowerCase(java.util.Locale.ROOT)) {
            case "direct":
                args.add("--runner=DirectRunner");
                break;
            case "flink":
                args.add("--runner=FlinkRunner");
                break;
            default:
                throw new IllegalArgumentException(
                        "--runner must be direct or flink, got " + runner);
        }
        return args.toArray(String[]::new);
    }
}
