package org.pdml.app;

import ai.djl.engine.Engine;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.Sha256;
import org.pdml.artifacts.proto.EvalReport;
import org.pdml.config.DataConfig;
import org.pdml.config.PdmlConfig;
import org.pdml.config.ResolvedConfig;
import org.pdml.eval.EvaluateStage;
import org.pdml.provenance.RunProvenance;
import org.pdml.provenance.Seeds;
import org.pdml.tracking.RunTracker;
import org.pdml.train.TrackingTrainListener;
import org.pdml.train.TrainStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pdml run}: preprocess → train → evaluate from one config, in a new run folder {@code
 * <runs_root>/<experiment>/<YYYY-MM-DD_HH-MM-SS>_<name>/} holding the resolved config. A complete
 * examples folder at {@code data.output} (manifest present) is reused.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run preprocess, train and evaluate from one config.")
public final class RunCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss", Locale.ROOT);

    @Spec private CommandSpec spec;

    @Mixin private ConfigArgs configArgs;

    @Option(names = "--dry-run", description = "Print the resolved config and stop.")
    private boolean dryRun;

    @Override
    public Integer call() throws Exception {
        Optional<ResolvedConfig> loaded = configArgs.load(spec);
        if (loaded.isEmpty()) {
            return ConfigCommand.INVALID_CONFIG;
        }
        ResolvedConfig resolved = loaded.get();
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            out.print(resolved.toYaml());
            out.flush();
            return 0;
        }
        return pipeline(resolved, out);
    }

    private int pipeline(ResolvedConfig resolved, PrintWriter out) throws Exception {
        Path run = runFolder(resolved.config());
        resolved.writeYaml(run.resolve("config.yaml"));
        out.println("run folder: " + run);
        out.flush();
        try (RunTracking tracking = RunTracking.open(resolved.config(), run)) {
            RunTracker root = tracking.root();
            try {
                return stages(resolved, run, root, out);
            } catch (Exception | Error e) {
                root.markFailed(e);
                throw e;
            }
        }
    }

    private int stages(ResolvedConfig resolved, Path run, RunTracker root, PrintWriter out)
            throws Exception {
        PdmlConfig c = resolved.config();
        root.logParams(resolved.flatten());
        root.logArtifact(run.resolve("config.yaml"), "");
        Path examples = Path.of(c.data().output());
        int status = stage(root, "preprocess", t -> preprocessOrReuse(c, examples, t, out));
        if (status != 0) {
            return status;
        }
        writeProvenance(resolved, examples, run, root);
        TrainStage.TrainResult trained =
                stage(
                        root,
                        "train",
                        t -> {
                            TrainStage.TrainResult r =
                                    TrainStage.run(
                                            resolved,
                                            examples,
                                            run,
                                            false,
                                            new TrackingTrainListener(t),
                                            System.err);
                            logFolder(t, r.modelDir(), "model");
                            return r;
                        });
        Path evalDir = run.resolve("eval");
        EvalReport report =
                stage(root, "evaluate", t -> evaluate(c, trained, examples, evalDir, t));
        // The parent carries the model and the final metrics too, so `pdml promote --run <parent>`
        // finds both on one run.
        root.logMetrics(mlflowNames(report.getMetricsMap()), 0);
        logFolder(root, trained.modelDir(), "model");
        ReportSummary.print(report, evalDir, out);
        out.println("model: " + trained.modelDir());
        out.println("browse the tracked runs: ./pdml mlflow ui");
        out.flush();
        return 0;
    }

    private static int preprocessOrReuse(PdmlConfig c, Path examples, RunTracker t, PrintWriter out)
            throws Exception {
        if (ExamplesArtifact.at(examples).isComplete()) {
            out.println("preprocess: reusing complete examples at " + examples);
            out.flush();
            t.setTag("pdml.reused", "true");
        } else {
            int status = preprocess(c).call();
            if (status != 0) {
                throw new IllegalStateException("preprocess exited with status " + status);
            }
        }
        t.logArtifact(examples.resolve(ExamplesArtifact.MANIFEST), "");
        return 0;
    }

    private static EvalReport evaluate(
            PdmlConfig c, TrainStage.TrainResult trained, Path examples, Path evalDir, RunTracker t)
            throws Exception {
        EvalReport report =
                EvaluateStage.run(
                        trained.modelDir(),
                        examples,
                        c.eval().split().name().toLowerCase(Locale.ROOT),
                        c.eval(),
                        c.seed(),
                        evalDir);
        t.logMetrics(mlflowNames(report.getMetricsMap()), 0);
        t.logArtifact(evalDir.resolve("report.json"), "");
        for (String plot : report.getPlotsMap().values()) {
            t.logArtifact(evalDir.resolve(plot), "plots");
        }
        return report;
    }

    /**
     * MLflow metric names allow no '@': {@code recall@1 → recall_at_1}, {@code map@r → map_at_r}.
     */
    static Map<String, Double> mlflowNames(Map<String, Double> metrics) {
        Map<String, Double> out = new java.util.TreeMap<>();
        metrics.forEach((k, v) -> out.put(k.replace("@", "_at_"), v));
        return out;
    }

    private static void writeProvenance(
            ResolvedConfig resolved, Path examples, Path run, RunTracker root) throws Exception {
        String manifest = Sha256.of(examples.resolve(ExamplesArtifact.MANIFEST));
        RunProvenance provenance =
                RunProvenance.capture(
                        resolved,
                        new Seeds(resolved.config().seed()),
                        Map.of("examples", manifest),
                        Engine.getInstance().defaultDevice().toString(),
                        Path.of("."),
                        Clock.systemUTC());
        provenance.writeJson(run.resolve("provenance.json"));
        root.setTags(provenance.tags());
        root.logArtifact(run.resolve("provenance.json"), "");
    }

    private static void logFolder(RunTracker t, Path dir, String artifactDir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                t.logArtifact(f, artifactDir);
            }
        }
    }

    /** One stage as a child run: FINISHED when it returns, FAILED (and rethrown) when it throws. */
    private static <T> T stage(RunTracker root, String name, StageBody<T> body) throws Exception {
        try (RunTracker child = root.startChild(name)) {
            try {
                return body.run(child);
            } catch (Exception | Error e) {
                child.markFailed(e);
                throw e;
            }
        }
    }

    @FunctionalInterface
    private interface StageBody<T> {
        T run(RunTracker tracker) throws Exception;
    }

    private static Path runFolder(PdmlConfig c) throws java.io.IOException {
        String stamp = LocalDateTime.now().format(STAMP);
        Path run = Path.of(c.runsRoot(), c.experiment(), stamp + "_" + c.name());
        Files.createDirectories(run);
        return run;
    }

    /** Maps the config's data section onto the preprocess command's options. */
    static PreprocessCommand preprocess(PdmlConfig c) {
        DataConfig d = c.data();
        PreprocessCommand p = new PreprocessCommand();
        p.dataset = d.dataset().name().toLowerCase(Locale.ROOT).replace('_', '-');
        p.source = d.source();
        p.output = d.output();
        p.imageSize = d.imageSize();
        p.encoding = d.encoding().name().toLowerCase(Locale.ROOT);
        p.jpegQuality = d.jpegQuality();
        p.numShards = d.numShards();
        p.valFraction = d.valFraction();
        p.seed = c.seed();
        p.runner = d.runner().name().toLowerCase(Locale.ROOT);
        p.maxRejectFraction = d.maxRejectFraction();
        p.maxPixels = d.maxPixels();
        if (d.dataset() == DataConfig.DatasetKind.EMOJI_VENDORS) {
            p.vendors = d.emoji().vendors();
            p.classesPerHalf = d.maxClassesPerSplit();
        }
        p.privateSources = d.privateSources();
        return p;
    }
}
