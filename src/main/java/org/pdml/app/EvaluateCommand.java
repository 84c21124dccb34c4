package org.pdml.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pdml.artifacts.proto.EvalReport;
import org.pdml.config.ConfigException;
import org.pdml.config.ConfigLoader;
import org.pdml.config.ResolvedConfig;
import org.pdml.eval.EvaluateStage;
import org.pdml.model.DeviceChoice;
import org.pdml.provenance.Seeds;
import org.pdml.tracking.RunTracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pdml evaluate}: wires {@link EvaluateStage} to the command line, tracked as one MLflow run
 * (config and inputs as params, provenance tags, every final metric, the report and plots).
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

    @Parameters(paramLabel = "key=value", arity = "0..*", description = "Config overrides.")
    private List<String> overrides = new ArrayList<>();

    @Mixin private TrackingArgs trackingArgs;

    @Mixin private DeviceArgs deviceArgs;

    private DeviceChoice device;

    @Override
    public Integer call() throws Exception {
        ResolvedConfig resolved;
        try {
            Path file = config != null ? config : model.resolve("config.yaml");
            List<String> all = new ArrayList<>(overrides);
            all.addAll(deviceArgs.overrides());
            resolved = ConfigLoader.load(file, all);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ConfigCommand.INVALID_CONFIG;
        }
        Optional<DeviceChoice> device =
                DeviceArgs.choose(resolved.config().train().deviceRequest(), spec);
        if (device.isEmpty()) {
            return Main.FAILED;
        }
        this.device = device.get();
        try (RunTracking tracking =
                RunTracking.open(
                        trackingArgs.resolve(resolved.config()),
                        "evaluate",
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
        run.logParams(
                Map.of(
                        "input.model", model.toString(),
                        "input.data", data.toString(),
                        "input.split", split));
        EvalReport report =
                EvaluateStage.run(
                        model, data, split, resolved.config().eval(), seeds, out, device.device());
        StageTracking.logReport(run, report, out);
        return report;
    }
}
