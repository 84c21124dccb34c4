package org.pdml.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.pdml.preprocess.PreparedDataset;
import org.pdml.preprocess.PreprocessOptions;
import org.pdml.preprocess.PreprocessStage;
import org.pdml.preprocess.datasets.DatasetCatalog;
import org.pdml.preprocess.datasets.EmojiVendor;
import org.pdml.preprocess.datasets.EmojiVendors;
import org.pdml.preprocess.datasets.KanjiFont;
import org.pdml.preprocess.datasets.KanjiFonts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pdml preprocess}: prepares a dataset's index and runs the Beam preprocessing stage. */
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
            description = "Emoji-Vendors, Kanji-Fonts: first k classes of each half (0 = all).")
    int classesPerHalf;

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

    @Override
    public Integer call() throws Exception {
        PreprocessOptions options =
                PipelineOptionsFactory.fromArgs(beamArgs()).as(PreprocessOptions.class);
        Path root = source != null ? source : Path.of(".cache", "datasets");
        PreparedDataset prepared =
                DatasetCatalog.prepare(
                        new DatasetCatalog.Request(
                                dataset,
                                root,
                                !lenientCounts,
                                emojiConfig(),
                                kanjiConfig(),
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
