package org.pdml.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pdml.pipeline.RunInfo;
import org.pdml.tracking.mlflow.LocalMlflowServer;
import org.pdml.tracking.mlflow.MlflowConnection;
import org.pdml.tracking.mlflow.ModelPromoter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pdml promote}: registers a run's model and moves the champion alias on improvement. */
@Command(
        name = "promote",
        mixinStandardHelpOptions = true,
        description =
                "Register the run's model (its MLflow 3 logged model, else its model/ artifact) as"
                        + " a new model version; move alias 'champion' to it only if --metric"
                        + " beats the current champion's.")
public final class PromoteCommand implements Callable<Integer> {

    @ArgGroup(multiplicity = "1")
    Target target;

    /** Which run: an id, or the run-info file of a finished {@code pdml run --run-info}. */
    static final class Target {
        @Option(
                names = "--run",
                description = "Run id holding the metric and a logged model (or model/).")
        String runId;

        @Option(
                names = "--run-info",
                paramLabel = "<file>",
                description = "The JSON file of pdml run --run-info; promotes its MLflow run.")
        Path runInfo;
    }

    @Option(
            names = "--metric",
            required = true,
            description = "Metric to compare, e.g. test.r_at_1.")
    String metric;

    @Option(names = "--model-name", description = "Registered model (default: ${DEFAULT-VALUE}).")
    String modelName = "pdml-embedding";

    @Option(names = "--higher-is-better", arity = "1", description = "Default: ${DEFAULT-VALUE}.")
    boolean higherIsBetter = true;

    /**
     * Registers the run's model and moves the champion alias on improvement.
     *
     * @return 0
     * @throws IOException if {@code --run-info} cannot be read
     * @throws IllegalArgumentException if the run-info names no MLflow run (tracking was off)
     */
    @Override
    public Integer call() throws IOException {
        String runId = runId();
        try (MlflowConnection conn =
                MlflowConnection.open(
                        System.getenv(),
                        LocalMlflowServer.DEFAULT_VENV,
                        LocalMlflowServer.DEFAULT_DATA_DIR)) {
            ModelPromoter.Promotion p =
                    new ModelPromoter(conn.endpoint())
                            .promote(runId, metric, modelName, higherIsBetter);
            System.out.printf(
                    "registered %s version %s (%s = %s); champion %s%n",
                    p.modelName(),
                    p.version(),
                    metric,
                    p.value(),
                    p.aliasMoved()
                            ? "moved to version " + p.version()
                            : "kept (current " + p.championValue().getAsDouble() + ")");
        }
        return 0;
    }

    private String runId() throws IOException {
        if (target.runId != null) {
            return target.runId;
        }
        return RunInfo.read(target.runInfo)
                .mlflowRunId()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        target.runInfo
                                                + " names no MLflow run: the run was not tracked"
                                                + " (tracking.mode off); nothing to promote"));
    }
}
