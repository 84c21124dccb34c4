package org.pdml.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.pdml.preprocess.PreparedDataset;
import org.pdml.preprocess.PreprocessOptions;
import org.pdml.preprocess.PreprocessStage;
import org.pdml.preprocess.RunnerChoice;
import org.pdml.preprocess.datasets.DatasetCatalog;
import org.pdml.preprocess.datasets.EmojiVendor;
import org.pdml.preprocess.datasets.EmojiVendors;
import org.pdml.preprocess.datasets.RemoteDatasets;
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
                    "Dataset root (local or gs://); for package-built datasets the package cache"
                            + " (default .cache/datasets).")
    String source;

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
            description = "direct, flink (needs the -Pflink build) or dataflow (needs -Pdataflow).")
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

    @Override
    public Integer call() throws Exception {
        PreprocessOptions options =
                PipelineOptionsFactory.fromArgs(beamArgs()).as(PreprocessOptions.class);
        String root = source != null ? source : Path.of(".cache", "datasets").toString();
        boolean remote = RemoteDatasets.isRemote(root);
        List<EmojiVendor> chosen = new ArrayList<>();
        if (vendors == null) {
            chosen.addAll(EmojiVendors.Config.defaultVendors());
        } else {
            vendors.forEach(v -> chosen.add(EmojiVendor.parse(v)));
        }
        DatasetCatalog.Request request =
                new DatasetCatalog.Request(
                        dataset,
                        remote ? null : Path.of(root),
                        !lenientCounts,
                        new EmojiVendors.Config(chosen, classesPerHalf, privateSources),
                        valFraction,
                        seed);
        PreparedDataset prepared =
                remote
                        ? RemoteDatasets.prepare(options, root, request, System.out::println)
                        : DatasetCatalog.prepare(request, System.out::println);
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
        return RunnerChoice.parse(runner).pipelineArgs(beamArgs).toArray(String[]::new);
    }
}
