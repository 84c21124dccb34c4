package org.pdml.preprocess;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.joda.time.Duration;
import org.pdml.preprocess.image.ImageDecoder;
import org.pdml.preprocess.image.ImageEncoder;
import org.pdml.preprocess.image.ImageResizer;
import org.pdml.preprocess.image.RejectReason;
import org.pdml.records.ShardNames;
import org.pdml.util.CrashPoints;

/**
 * Runs preprocessing: guards the output folder, runs the pipeline (shards planned by id, each built
 * by reading, decoding, resizing and encoding its images; rejects), prints progress and a summary,
 * fails when too many entries were rejected, and only then writes the manifest (the commit marker).
 * A local output is written into a partial sibling that is renamed into place after its manifest,
 * so it is complete or absent ({@link OutputFolder}).
 */
public final class PreprocessStage {
    private static final Duration PROGRESS_EVERY = Duration.standardSeconds(5);

    private PreprocessStage() {}

    /**
     * Runs the stage.
     *
     * @param options pipeline options (runner, output, image parameters)
     * @param dataset the prepared index
     * @param progress receives progress and summary lines
     * @return what was written
     * @throws IllegalStateException if the output is not empty without overwrite, the pipeline
     *     fails, or the reject fraction exceeds {@code --max-reject-fraction}
     * @throws IOException if the output cannot be listed, read back or the manifest written
     */
    public static PreprocessSummary run(
            PreprocessOptions options, PreparedDataset dataset, Consumer<String> progress)
            throws IOException {
        validate(options);
        CrashPoints.reach("index");
        // Why: the output is listed before the pipeline exists; gs:// needs the options' GCS
        // settings (credentials, --gcsEndpoint) registered first.
        FileSystems.setDefaultPipelineOptions(options);
        String output = options.getOutput();
        OutputFolder folder = OutputFolder.prepare(output, options.getOverwrite());
        boolean keep = false;
        try {
            options.setOutput(folder.staging());
            PreprocessSummary summary = runInto(options, dataset, output, progress);
            if (rejectFraction(summary) > options.getMaxRejectFraction()) {
                keep = true; // its rejects.jsonl is what the user reads next
                throw tooManyRejects(summary, options.getMaxRejectFraction(), folder.staging());
            }
            CrashPoints.reach("manifest");
            ManifestWriter.write(options, dataset, summary);
            folder.publish();
            return summary;
        } finally {
            options.setOutput(output);
            if (!keep) {
                folder.discard();
            }
        }
    }

    /** Runs the pipeline into {@code options.getOutput()} and collects the writers' reports. */
    private static PreprocessSummary runInto(
            PreprocessOptions options,
            PreparedDataset dataset,
            String output,
            Consumer<String> progress)
            throws IOException {
        if (options.getRunner().getSimpleName().equals("DirectRunner")) {
            // Why: a blocking run() would leave no chance to print progress.
            options.as(DirectOptions.class).setBlockOnRun(false);
            // Why: the per-element immutability/encodability checks are debugging aids that
            // cost more than the image work itself on small images (bench/preprocess).
            options.as(DirectOptions.class).setEnforceImmutability(false);
            options.as(DirectOptions.class).setEnforceEncodability(false);
        }
        long t0 = System.nanoTime();
        Pipeline p = build(options, dataset);
        progress.accept(
                String.format(
                        "preprocess: %d index entries -> %s", dataset.entries().size(), output));
        PipelineResult result = p.run();
        try {
            awaitWithProgress(result, options, dataset.rows(), progress);
        } finally {
            LiveProgress.release(options);
        }
        long t1 = System.nanoTime();
        WrittenShards written =
                WrittenShards.collect(
                        options.getOutput(), plannedShards(dataset, options.getNumShards()));
        progress.accept(
                String.format(
                        java.util.Locale.ROOT,
                        "timing: pipeline %.1f s, shard reports %.1f s",
                        (t1 - t0) / 1e9,
                        (System.nanoTime() - t1) / 1e9));
        PreprocessSummary summary = summarize(result, dataset.rows(), written);
        progress.accept(summary.describe().strip());
        return summary;
    }

    /**
     * Builds the pipeline without running it (exposed for tests and for printing the graph).
     *
     * @param options options
     * @param dataset the prepared index
     * @return the pipeline
     */
    public static Pipeline build(PreprocessOptions options, PreparedDataset dataset) {
        Pipeline p = Pipeline.create(options);
        DuplicateIds ids = DuplicateIds.split(dataset.entries());
        List<Reject> indexRejects = new ArrayList<>(dataset.indexRejects());
        indexRejects.addAll(ids.rejects());
        PCollectionTuple built =
                p.apply(
                        "BuildShards",
                        new BuildShards(
                                ShardPlan.of(
                                        ids.unique(), options.getNumShards(), dataset.splits()),
                                options.getOutput(),
                                new EntryReader(dataset.root(), dataset.classes()),
                                recordMaker(options)));
        PCollection<Reject> refused =
                p.apply(
                                "IndexRejects",
                                Create.of(indexRejects).withCoder(PreprocessCoders.reject()))
                        .apply("CountIndexRejects", ParDo.of(new CountRejectsFn()));
        PCollectionList.of(built.get(Tags.REJECTS))
                .and(refused)
                .apply("AllRejects", Flatten.pCollections())
                .apply("WriteRejects", new WriteRejects(options.getOutput()));
        return p;
    }

    /** Every shard path the plan creates, in path order (as the manifest lists them). */
    private static List<String> plannedShards(PreparedDataset dataset, int numShards) {
        List<String> paths = new ArrayList<>();
        dataset.splits()
                .forEach(
                        s -> {
                            for (int i = 0; i < numShards; i++) {
                                paths.add(ShardNames.format(s.wireName(), i, numShards));
                            }
                        });
        paths.sort(null);
        return paths;
    }

    static RecordMaker recordMaker(PreprocessOptions o) {
        int background = Integer.parseInt(o.getBackground().substring(1), 16);
        return new RecordMaker(
                new ImageDecoder(o.getMaxPixels(), o.getMaxAspect(), o.getImageSize(), background),
                new ImageResizer(o.getImageSize()),
                new ImageEncoder(
                        ImageEncoder.Encoding.valueOf(
                                o.getEncoding().toUpperCase(java.util.Locale.ROOT)),
                        o.getJpegQuality()));
    }

    /**
     * Checks, before the index is read, that a local output can be written (see {@link
     * OutputFolder}).
     *
     * @param output the examples folder (local or gs://)
     * @throws IllegalArgumentException naming the output and the path that blocks it
     */
    public static void requireWritableOutput(String output) {
        OutputFolder.requireWritable(output);
    }

    private static void validate(PreprocessOptions o) {
        require(o.getImageSize() > 0, "--image-size must be > 0, got " + o.getImageSize());
        require(
                o.getNumShards() >= 1 && o.getNumShards() <= 99_999,
                "--num-shards must be in [1, 99999], got " + o.getNumShards());
        require(
                o.getEncoding().matches("(?i)jpeg|png"),
                "--encoding must be jpeg or png, got " + o.getEncoding());
        require(
                o.getJpegQuality() >= 1 && o.getJpegQuality() <= 100,
                "--jpeg-quality must be in [1, 100], got " + o.getJpegQuality());
        require(
                o.getBackground().matches("#[0-9A-Fa-f]{6}"),
                "--background must be #RRGGBB, got " + o.getBackground());
        require(
                o.getMaxRejectFraction() >= 0 && o.getMaxRejectFraction() <= 1,
                "--max-reject-fraction must be in [0, 1], got " + o.getMaxRejectFraction());
        require(o.getMaxPixels() > 0, "--max-pixels must be > 0, got " + o.getMaxPixels());
        require(o.getMaxAspect() >= 1, "--max-aspect must be >= 1, got " + o.getMaxAspect());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void awaitWithProgress(
            PipelineResult result,
            PreprocessOptions options,
            long total,
            Consumer<String> progress) {
        long start = System.nanoTime();
        PipelineResult.State state = result.waitUntilFinish(PROGRESS_EVERY);
        while (state == null || !state.isTerminal()) {
            progress.accept(snapshot(result, options, total, start).line());
            state = result.waitUntilFinish(PROGRESS_EVERY);
        }
        if (state != PipelineResult.State.DONE) {
            throw new IllegalStateException("pipeline ended in state " + state);
        }
    }

    /** Live in-JVM counts where the runner runs here, else the attempted metrics. */
    private static ProgressSnapshot snapshot(
            PipelineResult result, PreprocessOptions options, long total, long startNanos) {
        LiveProgress live = LiveProgress.of(options);
        long rejected = 0;
        for (RejectReason r : RejectReason.values()) {
            rejected += counter(result, RejectCounters.name(r));
        }
        return new ProgressSnapshot(
                total,
                Math.max(live.read(), counter(result, RejectCounters.ENTRIES)),
                Math.max(live.encoded(), counter(result, RejectCounters.RECORDS)),
                Math.max(live.rejected(), rejected),
                (System.nanoTime() - startNanos) / 1e9);
    }

    private static PreprocessSummary summarize(
            PipelineResult result, long entries, WrittenShards written) {
        Map<RejectReason, Long> rejects = new EnumMap<>(RejectReason.class);
        for (RejectReason r : RejectReason.values()) {
            long n = counter(result, RejectCounters.name(r));
            if (n > 0) {
                rejects.put(r, n);
            }
        }
        long records = written.shards().stream().mapToLong(ShardStat::records).sum();
        return new PreprocessSummary(
                entries, records, rejects, written.shards(), written.classCounts());
    }

    /** Reads an attempted counter (Flink does not support committed metrics). */
    static long counter(PipelineResult result, String name) {
        long total = 0;
        for (MetricResult<Long> c :
                result.metrics()
                        .queryMetrics(
                                MetricsFilter.builder()
                                        .addNameFilter(
                                                MetricNameFilter.named(
                                                        RejectCounters.NAMESPACE, name))
                                        .build())
                        .getCounters()) {
            Long v = c.getAttempted();
            total += v == null ? 0 : v;
        }
        return total;
    }

    private static double rejectFraction(PreprocessSummary s) {
        return s.entries() == 0 ? 0 : s.rejected() / (double) s.entries();
    }

    private static IllegalStateException tooManyRejects(
            PreprocessSummary s, double max, String written) {
        return new IllegalStateException(
                String.format(
                        "%d of %d entries rejected (%.4f > --max-reject-fraction %.4f); see"
                                + " %s/rejects.jsonl (deleted when preprocess runs again); no"
                                + " manifest written",
                        s.rejected(), s.entries(), rejectFraction(s), max, written));
    }
}
