package org.pdml.app;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.pdml.artifacts.AtomicFiles;
import org.pdml.config.ConfigException;
import org.pdml.config.ConfigLoader;
import org.pdml.config.ResolvedConfig;
import org.pdml.config.TrackingConfig;
import org.pdml.pipeline.SweepGrid;
import org.pdml.pipeline.SweepPlan;
import org.pdml.pipeline.SweepSummary;
import org.pdml.pipeline.SweepTrial;
import org.pdml.tracking.RunTracker;
import org.pdml.util.Sha256;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pdml sweep}: tunes config values on the validation split. Every combination of the {@code
 * --grid} axes (or {@code --random N} of them) runs for {@code --seeds} consecutive seeds, each
 * trial a {@code pdml run} with {@code eval.split=val} ({@link SweepRunner}); trials share the
 * stage cache, so preprocessing runs once. The sweep folder gets {@code sweep.md} (every
 * combination's mean ± sd) and {@code best.yaml} (the config with the winning values). Tracked, the
 * sweep is one MLflow run and each trial's run is its child. Run again, it skips finished trials.
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description =
                "Tune config values: run each combination of --grid for --seeds seeds as pdml run"
                        + " scored on the validation split; write a mean +- sd table and the"
                        + " winning config. Resumes, skipping finished trials.")
public final class SweepCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Mixin private ConfigArgs configArgs;

    @Mixin private TrackingArgs trackingArgs;

    @Option(
            names = "--grid",
            paramLabel = "key=[v1,v2,...]",
            description = "An axis of the grid, e.g. 'loss.temperature.init=[0.1,1,3]'; repeat it.")
    private List<String> grid = new ArrayList<>();

    @Option(
            names = "--seeds",
            defaultValue = "3",
            description = "Seeds per combination (default 3).")
    private int seeds;

    @Option(
            names = "--random",
            paramLabel = "N",
            description =
                    "Random search: N combinations of the grid, drawn with the config's seed.")
    private Integer random;

    @Option(names = "--parallel", defaultValue = "1", description = "Trials at once (default 1).")
    private int parallel;

    @Option(
            names = "--metric",
            defaultValue = "recall_at_1",
            description = "Validation metric to maximise (MLflow name, default recall_at_1).")
    private String metric;

    @Option(
            names = "--sweep-dir",
            paramLabel = "<dir>",
            description =
                    "Sweep folder (default <runs_root>/<experiment>/sweeps/<name>-<hash of the"
                            + " config, overrides and grid>, so that the same sweep resumes).")
    private Path sweepDir;

    /** The config's {@code data.output}, which each seed's trials suffix. */
    private String dataOutput;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Optional<ResolvedConfig> base = configArgs.load(spec);
        if (base.isEmpty()) {
            return ConfigCommand.INVALID_CONFIG;
        }
        dataOutput = base.get().config().data().output();
        List<SweepTrial> trials;
        try {
            trials = plan(base.get());
        } catch (IllegalArgumentException | ConfigException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ConfigCommand.INVALID_CONFIG;
        }
        Path dir = sweepDir != null ? sweepDir : defaultDir(base.get());
        out.println("sweep folder: " + dir);
        out.flush();
        TrackingConfig t = trackingArgs.resolve(base.get().config());
        String name = "sweep " + RunNames.of(base.get());
        try (RunTracking tracking = RunTracking.open(t, name, dir.resolve("tracking-spool"))) {
            out.println("mlflow run: " + tracking.root().runId() + " (" + name + ")");
            return sweep(trials, dir, t, tracking, out);
        }
    }

    /** The trials, each combination validated by loading the config with it, before any run. */
    private List<SweepTrial> plan(ResolvedConfig base) {
        List<SweepGrid.Axis> axes = new ArrayList<>();
        grid.forEach(g -> axes.add(SweepGrid.parseAxis(g)));
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel needs at least 1, got " + parallel);
        }
        List<SweepTrial> trials =
                SweepPlan.trials(
                        new SweepGrid(axes),
                        random == null ? OptionalInt.empty() : OptionalInt.of(random),
                        seeds,
                        base.config().seed());
        for (SweepTrial trial : trials) {
            ConfigLoader.load(
                    configArgs.config, configArgs.overrides(trial.runOverrides(dataOutput)));
        }
        return trials;
    }

    private int sweep(
            List<SweepTrial> trials,
            Path dir,
            TrackingConfig t,
            RunTracking tracking,
            PrintWriter out)
            throws Exception {
        RunTracker root = tracking.root();
        try {
            root.setTag("pdml.sweep.grid", String.join(" ", grid));
            root.setTag("pdml.sweep.seeds", Integer.toString(seeds));
            root.setTag("pdml.sweep.metric", "val " + metric);
            SweepRunner runner =
                    new SweepRunner(
                            dir,
                            TrialLauncher.ofThisJvm(),
                            x -> trialArgs(x, dir, t, tracking),
                            metric,
                            out);
            List<String> failed = runner.run(trials, parallel);
            SweepSummary summary = SweepSummary.of(trials, runner::finished, metric);
            report(summary, dir, root, out);
            if (!failed.isEmpty()) {
                out.println("failed trials (run pdml sweep again to retry them): " + failed);
                out.flush();
                return Main.FAILED;
            }
            return 0;
        } catch (Exception | Error e) {
            root.markFailed(e);
            throw e;
        }
    }

    /** {@code pdml run} for one trial: the base config and overrides, then the trial's. */
    private List<String> trialArgs(
            SweepTrial trial, Path dir, TrackingConfig t, RunTracking tracking) {
        List<String> args =
                new ArrayList<>(List.of("run", "--config", configArgs.config.toString()));
        args.addAll(
                List.of(
                        "--run-info",
                        dir.resolve("trials")
                                .resolve(trial.id())
                                .resolve(SweepRunner.RUN_INFO)
                                .toString()));
        Optional<String> uri = tracking.uri();
        if (uri.isPresent()) {
            args.addAll(
                    List.of(
                            "--tracking",
                            "on",
                            "--tracking-uri",
                            uri.get(),
                            "--experiment",
                            t.experiment(),
                            "--parent-run",
                            tracking.root().runId()));
        } else {
            args.addAll(List.of("--tracking", "off"));
        }
        args.addAll(configArgs.overrides(trial.runOverrides(dataOutput)));
        return args;
    }

    private void report(SweepSummary summary, Path dir, RunTracker root, PrintWriter out)
            throws Exception {
        String table = summary.toMarkdown();
        AtomicFiles.write(dir.resolve("sweep.md"), table.getBytes(StandardCharsets.UTF_8));
        root.logArtifact(dir.resolve("sweep.md"), "");
        out.print(table);
        Optional<SweepSummary.Row> best = summary.winner();
        if (best.isPresent()) {
            ResolvedConfig winner =
                    ConfigLoader.load(
                            configArgs.config, configArgs.overrides(overrides(best.get())));
            winner.writeYaml(dir.resolve("best.yaml"));
            root.logArtifact(dir.resolve("best.yaml"), "");
            root.logMetrics(
                    Map.of(
                            "best_" + metric + "_mean",
                            best.get().mean(),
                            "best_" + metric + "_sd",
                            best.get().sd()),
                    0);
            out.println(
                    "best (val "
                            + metric
                            + "): combination "
                            + best.get().combination()
                            + " "
                            + best.get().overrides()
                            + "; config: "
                            + dir.resolve("best.yaml"));
        }
        out.flush();
    }

    private static List<String> overrides(SweepSummary.Row row) {
        List<String> out = new ArrayList<>();
        row.overrides().forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** {@code <runs_root>/<experiment>/sweeps/<name>-<12 hex>}: the same sweep, the same folder. */
    private Path defaultDir(ResolvedConfig base) throws Exception {
        String identity =
                String.join(
                        "\n",
                        Sha256.of(configArgs.config),
                        String.join(" ", configArgs.overrides(List.of())),
                        String.join(" ", grid),
                        "seeds=" + seeds,
                        "random=" + random,
                        "metric=" + metric);
        String hash = Sha256.ofUtf8(identity).substring(0, 12);
        return Path.of(
                base.config().runsRoot(),
                base.config().experiment(),
                "sweeps",
                base.config().name() + "-" + hash);
    }
}
