package org.pdml.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pdml.artifacts.proto.EvalReport;
import org.pdml.config.ConfigException;
import org.pdml.config.ConfigLoader;
import org.pdml.config.ResolvedConfig;
import org.pdml.eval.AbstainCalibration;
import org.pdml.eval.AbstainFile;
import org.pdml.eval.EvaluateStage;
import org.pdml.eval.metrics.AbstainThreshold;
import org.pdml.model.DeviceChoice;
import org.pdml.provenance.Seeds;
import org.pdml.tracking.DatasetInput;
import org.pdml.tracking.RunTracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pdml evaluate}: wires {@link EvaluateStage} to the command line, tracked as one MLflow run
 * (config and inputs as params, provenance tags, every final metric, the report and plots). With
 * {@code --target-precision p} it first fits the κ abstain threshold on the val split ({@link
 * AbstainCalibration}, written to {@code <model>/abstain.json} and logged), then evaluates, then
 * reports the threshold's R@1 and coverage on the evaluated split ({@code abstain.<split>.*}).
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Embed a split with a trained model and compute retrieval and calibration.")
public final class EvaluateCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model folder from `pdml train`.")
    private Path model;

    @Option(names = "--data", required = true, description = "Examples folder.")
    private Path data;

    @Option(names = "--split", defaultValue = "test", description = "Split (default: test).")
    private String split;

    @Option(names = "--out", required = true, description = "Report folder.")
    private Path out;

    @Option(
            names = "--config",
            description = "Config whose eval section to use (default: the model's own).")
    private Path config;

    @Option(
            names = "--target-precision",
            paramLabel = "P",
            description =
                    "Fit the smallest kappa threshold whose accepted val queries reach R@1 >= P"
                            + " (0 < P <= 1) and store it as <model>/abstain.json for `pdml"
                            + " embed`.")
    private Double targetPrecision;

    @Parameters(paramLabel = "key=value", arity = "0..*", description = "Config overrides.")
    private List<String> overrides = new ArrayList<>();

    @Mixin private TrackingArgs trackingArgs;

    @Mixin private DeviceArgs deviceArgs;

    private DeviceChoice device;

    @Override
    public Integer call() throws Exception {
        if (targetPrecision != null && !(targetPrecision > 0 && targetPrecision <= 1)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--target-precision must be in (0, 1], got " + targetPrecision);
        }
        ResolvedConfig resolved;
        try {
            Path file = config != null ? config : model.resolve("config.yaml");
            resolved = ConfigLoader.load(file, allOverrides());
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ConfigCommand.INVALID_CONFIG;
        }
        Optional<DeviceChoice> device = DeviceArgs.choose(resolved.config(), spec, true);
        if (device.isEmpty()) {
            return Main.FAILED;
        }
        this.device = device.get();
        try (RunTracking tracking =
                RunTracking.open(
                        trackingArgs.resolve(resolved.config()),
                        RunTracker.childName("evaluate", RunNames.of(resolved)),
                        out.resolve("tracking-spool"))) {
            EvalReport report =
                    StageTracking.tracked(
                            tracking.root(), "evaluate", run -> evaluate(resolved, run));
            ReportSummary.print(report, out, spec.commandLine().getOut());
            return 0;
        }
    }

    private EvalReport evaluate(ResolvedConfig resolved, RunTracker run) throws Exception {
        Seeds seeds = new Seeds(resolved.config().seed());
        StageTracking.logConfigured(run, resolved, seeds, data, out);
        run.setTag(RunNames.OVERRIDES_TAG, RunNames.overrides(allOverrides()));
        StageTracking.logInput(run, data, DatasetInput.EVALUATION, split);
        run.logParams(
                Map.of(
                        "input.model", model.toString(),
                        "input.data", data.toString(),
                        "input.split", split));
        Optional<AbstainFile> abstain = fitAbstain(resolved, run);
        EvalReport report =
                EvaluateStage.run(
                        model, data, split, resolved.config().eval(), seeds, out, device.device());
        StageTracking.logReport(run, report, out);
        if (abstain.isPresent() && !split.equals(AbstainFile.SPLIT)) {
            checkAbstain(resolved, run, abstain.get());
        }
        return report;
    }

    private Optional<AbstainFile> fitAbstain(ResolvedConfig resolved, RunTracker run)
            throws Exception {
        if (targetPrecision == null) {
            return Optional.empty();
        }
        run.logParams(Map.of("input.target_precision", targetPrecision.toString()));
        AbstainFile a =
                AbstainCalibration.fit(
                        model, data, resolved.config().eval(), targetPrecision, device.device());
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "abstain threshold: kappa >= %s (val R@1 %.4f >= target %s, coverage %.4f"
                                + " = %d/%d): %s%n",
                        a.kappaThreshold(),
                        a.valRecallAt1(),
                        a.targetPrecision(),
                        a.valCoverage(),
                        a.valAnswered(),
                        a.valQueries(),
                        model.resolve(AbstainFile.NAME));
        run.logMetrics(
                Map.of(
                        "abstain.kappa_threshold", (double) a.kappaThreshold(),
                        "abstain.val.recall_at_1", a.valRecallAt1(),
                        "abstain.val.coverage", a.valCoverage()),
                0);
        run.logArtifact(model.resolve(AbstainFile.NAME), "");
        return Optional.of(a);
    }

    /** Applies the val-fitted threshold to the evaluated split: the held-out check. */
    private void checkAbstain(ResolvedConfig resolved, RunTracker run, AbstainFile a)
            throws Exception {
        AbstainThreshold held =
                AbstainCalibration.heldOut(out.resolve("embeddings"), resolved.config().eval(), a);
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "  on split '%s': R@1 %.4f, coverage %.4f = %d/%d%n",
                        split,
                        held.precision(),
                        held.coverage(),
                        held.accepted(),
                        held.total());
        run.logMetrics(
                Map.of(
                        "abstain." + split + ".recall_at_1", held.precision(),
                        "abstain." + split + ".coverage", held.coverage()),
                0);
    }

    /** The positional overrides, then the flags that stand for a key ({@code --device}). */
    private List<String> allOverrides() {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(deviceArgs.overrides());
        return all;
    }
}
