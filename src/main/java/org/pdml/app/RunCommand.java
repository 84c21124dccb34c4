package org.pdml.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.pdml.artifacts.proto.EvalReport;
import org.pdml.config.ConfigException;
import org.pdml.config.DataConfig;
import org.pdml.config.InputPaths;
import org.pdml.config.PdmlConfig;
import org.pdml.config.ResolvedConfig;
import org.pdml.eval.EvalReportWriter;
import org.pdml.model.DeviceChoice;
import org.pdml.pipeline.CodeIdentity;
import org.pdml.pipeline.EvaluateNode;
import org.pdml.pipeline.ExamplesDataset;
import org.pdml.pipeline.PipelineRunner;
import org.pdml.pipeline.PipelineStage;
import org.pdml.pipeline.PreprocessNode;
import org.pdml.pipeline.RunFolder;
import org.pdml.pipeline.RunInfo;
import org.pdml.pipeline.RunsRootLock;
import org.pdml.pipeline.StageName;
import org.pdml.pipeline.StageOutput;
import org.pdml.pipeline.StageStore;
import org.pdml.pipeline.TrackedFiles;
import org.pdml.pipeline.TrainNode;
import org.pdml.preprocess.PreprocessStage;
import org.pdml.provenance.RunProvenance;
import org.pdml.provenance.Seeds;
import org.pdml.tracking.DatasetInput;
import org.pdml.tracking.NoopRunTracker;
import org.pdml.tracking.RunTracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pdml run}: preprocess → train → evaluate from one config, as cached stages ({@link
 * org.pdml.pipeline}): a stage whose output for the same fingerprint is already in {@code
 * <runs_root>/stages/} is skipped, {@code --from} forces a stage and those after it. Each run gets
 * a folder {@code <runs_root>/<experiment>/<YYYY-MM-DD_HH-MM-SS>_<name>/} ({@link RunFolder}).
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run preprocess, train and evaluate from one config, reusing cached stages.")
public final class RunCommand implements Callable<Integer> {

    /** File in the run folder holding the parent run's MLflow id, for {@code pdml promote}. */
    public static final String MLFLOW_RUN_ID = "mlflow-run-id";

    @Spec private CommandSpec spec;

    @Mixin private ConfigArgs configArgs;

    @Mixin private TrackingArgs trackingArgs;

    @Mixin private DeviceArgs deviceArgs;

    private DeviceChoice device;

    @Option(names = "--dry-run", description = "Print the resolved config and stop.")
    private boolean dryRun;

    @Option(
            names = "--reuse-stale",
            description =
                    "Reuse cached stage outputs made by another pdml build (code change or"
                            + " upgrade) when the config and inputs match; tagged"
                            + " pdml.reused_stale. Without it such stages run again.")
    private boolean reuseStale;

    @Option(
            names = "--run-info",
            paramLabel = "<file>",
            description =
                    "When the run has finished, write its folder, MLflow run id and final metrics"
                            + " to this JSON file (atomically), for scripts that schedule runs.")
    private Path runInfo;

    @Option(
            names = "--parent-run",
            paramLabel = "<run id>",
            description =
                    "Nest this run under an MLflow run of the same experiment (pdml sweep does"
                            + " this for its trials).")
    private String parentRun;

    @Option(
            names = "--from",
            paramLabel = "<stage>",
            description =
                    "Re-run this stage and all after it even if cached: preprocess|train|evaluate.")
    private String from;

    @Override
    public Integer call() throws Exception {
        Optional<ResolvedConfig> loaded = configArgs.load(spec, deviceArgs.overrides());
        if (loaded.isEmpty()) {
            return ConfigCommand.INVALID_CONFIG;
        }
        Optional<StageName> first =
                from == null ? Optional.empty() : Optional.of(StageName.parse(from));
        ResolvedConfig resolved = loaded.get();
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            out.print(resolved.toYaml());
            out.flush();
            return 0;
        }
        try {
            checkInputs(resolved);
            // Before the run folder and the index: an output under a file fails in one line.
            PreprocessStage.requireWritableOutput(resolved.config().data().output());
        } catch (ConfigException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ConfigCommand.INVALID_CONFIG;
        }
        Optional<DeviceChoice> chosen = DeviceArgs.choose(resolved.config(), spec, false);
        if (chosen.isEmpty()) {
            return Main.FAILED;
        }
        device = chosen.get();
        return pipeline(resolved, first, out);
    }

    /**
     * Fails before any work when {@code data.source} is missing. Emoji-Vendors and Kanji-Fonts are
     * exempt: their source is the package cache that preprocessing fills.
     */
    private static void checkInputs(ResolvedConfig resolved) {
        DataConfig.DatasetKind kind = resolved.config().data().dataset();
        if (kind != DataConfig.DatasetKind.EMOJI_VENDORS
                && kind != DataConfig.DatasetKind.KANJI_FONTS) {
            InputPaths.check(resolved, InputPaths.Stage.PREPROCESS);
        }
    }

    private int pipeline(ResolvedConfig resolved, Optional<StageName> first, PrintWriter out)
            throws Exception {
        PdmlConfig c = resolved.config();
        // Why: pdml prune must not remove the stage folders this run reuses.
        RunsRootLock lock = RunsRootLock.shared(Path.of(c.runsRoot()));
        try {
            return tracked(resolved, first, out);
        } finally {
            lock.close();
        }
    }

    private int tracked(ResolvedConfig resolved, Optional<StageName> first, PrintWriter out)
            throws Exception {
        PdmlConfig c = resolved.config();
        out.println(trackingArgs.experimentLine(c));
        Path run = RunFolder.create(c, LocalDateTime.now());
        resolved.writeYaml(run.resolve("config.yaml"));
        out.println("run folder: " + run);
        out.flush();
        String name = RunNames.of(resolved);
        try (RunTracking tracking =
                RunTracking.open(trackingArgs.resolve(c), name, run.resolve("tracking-spool"))) {
            RunTracker root = tracking.root();
            // Why: scheduled workflows promote this run next (pdml promote --run <id>).
            Files.writeString(run.resolve(MLFLOW_RUN_ID), root.runId() + System.lineSeparator());
            out.println("mlflow run: " + root.runId() + " (" + name + ")");
            out.flush();
            try {
                root.setTag(RunNames.RUN_FOLDER_TAG, run.getFileName().toString());
                if (parentRun != null) {
                    root.setTag(RunTracker.PARENT_RUN_TAG, parentRun);
                }
                root.setTag(
                        RunNames.OVERRIDES_TAG,
                        RunNames.overrides(configArgs.overrides(deviceArgs.overrides())));
                root.logParams(resolved.flatten());
                root.logArtifact(run.resolve("config.yaml"), "");
                Map<StageName, StageOutput> outputs = stages(resolved, first, run, root, out);
                finish(outputs, run, root, out);
                if (runInfo != null) {
                    writeRunInfo(outputs, run, root);
                }
                return 0;
            } catch (Exception | Error e) {
                root.markFailed(e);
                throw e;
            }
        }
    }

    private Map<StageName, StageOutput> stages(
            ResolvedConfig resolved,
            Optional<StageName> first,
            Path run,
            RunTracker root,
            PrintWriter out)
            throws Exception {
        PdmlConfig c = resolved.config();
        // One seed owner for the whole run: every stage draws from its streams, provenance lists
        // them all.
        Seeds seeds = new Seeds(c.seed());
        List<PipelineStage> stages =
                List.of(
                        new PreprocessNode(c, seeds),
                        new TrainNode(resolved, seeds, System.err),
                        new EvaluateNode(c, seeds));
        StageStore store = new StageStore(RunFolder.storeRoot(c), Clock.systemUTC());
        PipelineRunner.Listener provenance =
                o -> {
                    if (o.stage() == StageName.PREPROCESS) {
                        writeProvenance(resolved, seeds, o.outputSha256(), run, root);
                    }
                };
        return new PipelineRunner(store, out, CodeIdentity.ofRunningBuild(), reuseStale)
                .run(stages, first, root, provenance);
    }

    private static void finish(
            Map<StageName, StageOutput> outputs, Path run, RunTracker root, PrintWriter out)
            throws Exception {
        RunFolder.record(run, outputs);
        root.logArtifact(run.resolve(RunFolder.STAGES), "");
        Path evalDir = outputs.get(StageName.EVALUATE).output();
        Path model = TrainNode.modelDir(outputs.get(StageName.TRAIN));
        EvalReport report = EvalReportWriter.read(evalDir);
        // The parent carries the final metrics and the model too, so `pdml promote --run <parent>`
        // finds both on one run: the train run's logged model is linked to it as an output, and
        // its model/ artifacts serve servers without logged models.
        root.logMetrics(TrackedFiles.mlflowNames(report.getMetricsMap()), 0);
        TrackedFiles.logTree(root, model, TrainNode.MODEL);
        // Its row in the runs table shows the data the model was trained on, as the train run's.
        root.logInput(
                ExamplesDataset.input(
                        outputs.get(StageName.PREPROCESS).output(), DatasetInput.TRAINING, null));
        ReportSummary.print(report, evalDir, out);
        out.println("model: " + model);
        out.println("browse the tracked runs: ./pdml mlflow ui");
        out.flush();
    }

    /** Writes {@code --run-info} (see {@link RunInfo}); an untracked run has no MLflow id. */
    private void writeRunInfo(Map<StageName, StageOutput> outputs, Path run, RunTracker root)
            throws Exception {
        EvalReport report = EvalReportWriter.read(outputs.get(StageName.EVALUATE).output());
        Optional<String> id =
                NoopRunTracker.RUN_ID.equals(root.runId())
                        ? Optional.empty()
                        : Optional.of(root.runId());
        new RunInfo(run, id, new TreeMap<>(TrackedFiles.mlflowNames(report.getMetricsMap())))
                .write(runInfo);
    }

    private void writeProvenance(
            ResolvedConfig resolved, Seeds seeds, String examplesSha256, Path run, RunTracker root)
            throws Exception {
        RunProvenance provenance =
                RunProvenance.capture(
                        resolved,
                        seeds,
                        Map.of("examples", examplesSha256),
                        device.device().toString(),
                        Path.of("."),
                        Clock.systemUTC());
        provenance.writeJson(run.resolve("provenance.json"));
        root.setTags(provenance.tags());
        root.setTags(device.tags());
        root.logArtifact(run.resolve("provenance.json"), "");
    }
}
