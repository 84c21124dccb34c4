package org.pdml.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SortedMap;
import java.util.TreeMap;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.proto.EvalReport;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.SplitInfo;
import org.pdml.config.ResolvedConfig;
import org.pdml.model.DeviceChoice;
import org.pdml.pipeline.ExamplesDataset;
import org.pdml.pipeline.TrackedFiles;
import org.pdml.provenance.RunProvenance;
import org.pdml.provenance.Seeds;
import org.pdml.tracking.DatasetInput;
import org.pdml.tracking.RunTracker;
import org.pdml.util.Sha256;

/**
 * What a standalone stage command ({@code pdml preprocess}, {@code train}, {@code evaluate}) logs
 * to its run, with the conventions of {@code pdml run}'s stage runs: the settings as params,
 * provenance tags ({@code pdml.git_sha}, {@code pdml.config_hash}, {@code pdml.manifest.examples},
 * {@code pdml.seed} and {@code pdml.seed.<stream>}, versions, device, host, plus {@code
 * pdml.stage}), the stage's metrics, and its outputs as artifacts. {@link #tracked} marks a run
 * whose stage threw as failed.
 */
final class StageTracking {

    /** Tag naming the stage a run belongs to. */
    static final String STAGE_TAG = RunTracker.STAGE_TAG;

    /** Name of the examples manifest in provenance ({@code pdml.manifest.examples}). */
    static final String EXAMPLES = "examples";

    private StageTracking() {}

    /** A stage's body, given its open run. */
    @FunctionalInterface
    interface Body<T> {
        /**
         * Runs the stage.
         *
         * @param run the stage's run
         * @return the stage's result
         * @throws Exception whatever the stage throws
         */
        T run(RunTracker run) throws Exception;
    }

    /**
     * Runs a stage inside its run: the run is tagged with the stage, and marked failed when the
     * body throws, so that closing it (the caller's job) ends it FAILED with the error message in
     * {@link RunTracker#ERROR_TAG} instead of FINISHED; the error is rethrown.
     *
     * @param run the open run
     * @param stage stage name, e.g. {@code train}
     * @param body the stage
     * @return the body's result
     * @throws Exception what the body throws
     */
    static <T> T tracked(RunTracker run, String stage, Body<T> body) throws Exception {
        run.setTag(STAGE_TAG, stage);
        try {
            return body.run(run);
        } catch (Exception | Error e) {
            run.markFailed(e);
            throw e;
        }
    }

    /**
     * Logs a config-driven stage's settings: the flattened resolved config as params, provenance
     * tags (written to {@code <folder>/provenance.json} and logged), the resolved config and the
     * examples manifest (when present) as artifacts.
     *
     * @param run the stage's run
     * @param resolved the resolved config
     * @param seeds the run's seeds, of the config's root seed (every stream is recorded)
     * @param examples the examples folder the stage reads
     * @param folder the stage's output folder
     * @throws IOException if a file cannot be read or written
     */
    static void logConfigured(
            RunTracker run, ResolvedConfig resolved, Seeds seeds, Path examples, Path folder)
            throws IOException {
        run.logParams(resolved.flatten());
        Files.createDirectories(folder);
        Path config = folder.resolve("config.yaml");
        resolved.writeYaml(config);
        run.logArtifact(config, "");
        SortedMap<String, String> manifests = logManifest(run, examples);
        DeviceChoice device = DeviceChoice.choose(resolved.config().train().deviceRequest());
        RunProvenance provenance =
                RunProvenance.capture(
                        resolved,
                        seeds,
                        manifests,
                        device.device().toString(),
                        Path.of("."),
                        Clock.systemUTC());
        logProvenance(run, provenance, folder);
        run.setTags(device.tags());
    }

    /**
     * Logs the outcome of {@code pdml preprocess} (whose options the caller logged as params before
     * it ran): provenance tags (config hash = SHA-256 of the sorted {@code key=value} lines of the
     * options, manifest hash), the manifest as an artifact and the record and class counts per
     * split ({@code records.<split>}, {@code classes.<split>}) and {@code rejected} as metrics at
     * step 0.
     *
     * @param run the stage's run
     * @param options the options, by param key
     * @param seeds the preprocessing run's seeds (the validation carve drew from {@code
     *     data.split}; every stream is recorded)
     * @param examples the written examples folder; without a manifest there (a remote output) only
     *     params and tags are logged
     * @throws IOException if the manifest cannot be read
     */
    static void logPreprocessed(
            RunTracker run, SortedMap<String, String> options, Seeds seeds, Path examples)
            throws IOException {
        SortedMap<String, String> manifests = logManifest(run, examples);
        StringBuilder canonical = new StringBuilder();
        options.forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
        String hash = Sha256.of(canonical.toString().getBytes(StandardCharsets.UTF_8));
        RunProvenance provenance =
                RunProvenance.capture(
                        hash, seeds, manifests, "cpu", Path.of("."), Clock.systemUTC());
        run.setTags(provenance.tags());
        if (manifests.isEmpty()) {
            return; // a remote (gs://) output: its manifest is not read back here
        }
        ExamplesManifest m = ExamplesArtifact.at(examples).read();
        for (SplitInfo split : m.getSplitsList()) {
            run.logMetric("records." + split.getName(), split.getRecordCount(), 0);
            run.logMetric("classes." + split.getName(), split.getClassCount(), 0);
        }
        run.logMetric("rejected", m.getRejectedCount(), 0);
    }

    /**
     * Logs an evaluation: every metric of the report at step 0 (MLflow names: {@code @} becomes
     * {@code _at_}), {@code report.json} and the plots (under {@code plots/}).
     *
     * @param run the stage's run
     * @param report the report
     * @param evalDir the folder holding {@code report.json} and the plots
     */
    static void logReport(RunTracker run, EvalReport report, Path evalDir) {
        run.logMetrics(TrackedFiles.mlflowNames(report.getMetricsMap()), 0);
        run.logArtifact(evalDir.resolve("report.json"), "");
        for (String plot : new TreeMap<>(report.getPlotsMap()).values()) {
            run.logArtifact(evalDir.resolve(plot), "plots");
        }
    }

    /**
     * Logs an examples folder as the run's dataset input ({@link ExamplesDataset}) when it has a
     * manifest.
     *
     * @param run the stage's run
     * @param examples the examples folder the stage reads
     * @param context {@link DatasetInput#TRAINING} or {@link DatasetInput#EVALUATION}
     * @param split the split read, or null for training
     * @throws IOException if the manifest cannot be read
     */
    static void logInput(RunTracker run, Path examples, String context, String split)
            throws IOException {
        if (Files.isRegularFile(examples.resolve(ExamplesArtifact.MANIFEST))) {
            run.logInput(ExamplesDataset.input(examples, context, split));
        }
    }

    /** Logs the manifest when the folder has one; returns its hash as {@code examples}. */
    private static SortedMap<String, String> logManifest(RunTracker run, Path examples)
            throws IOException {
        SortedMap<String, String> hashes = new TreeMap<>();
        Path manifest = examples.resolve(ExamplesArtifact.MANIFEST);
        if (Files.isRegularFile(manifest)) {
            hashes.put(EXAMPLES, Sha256.of(manifest));
            run.logArtifact(manifest, "");
        }
        return hashes;
    }

    private static void logProvenance(RunTracker run, RunProvenance provenance, Path folder)
            throws IOException {
        Path file = folder.resolve("provenance.json");
        provenance.writeJson(file);
        run.setTags(provenance.tags());
        run.logArtifact(file, "");
    }
}
