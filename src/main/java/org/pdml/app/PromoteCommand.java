package org.pdml.app;

import java.util.concurrent.Callable;
import org.pdml.tracking.mlflow.LocalMlflowServer;
import org.pdml.tracking.mlflow.MlflowConnection;
import org.pdml.tracking.mlflow.ModelPromoter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pdml promote}: registers a run's model and moves the champion alias on improvement. */
@Command(
        name = "promote",
        mixinStandardHelpOptions = true,
        description =
                "Register the run's model/ artifact as a new model version; move alias 'champion'"
                        + " to it only if --metric beats the current champion's.")
public final class PromoteCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, description = "Run id holding model/ and the metric.")
    String runId;

    @Option(
            names = "--metric",
            required = true,
            description = "Metric to compare, e.g. test.r_at_1.")
    String metric;

    @Option(names = "--model-name", description = "Registered model (default: ${DEFAULT-VALUE}).")
    String modelName = "pdml-embedding";

    @Option(names = "--higher-is-better", arity = "1", description = "Default: ${DEFAULT-VALUE}.")
    boolean higherIsBetter = true;

    @Override
    public Integer call() {
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
}
