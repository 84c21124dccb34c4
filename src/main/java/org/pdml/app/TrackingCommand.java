package org.pdml.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.pdml.tracking.mlflow.LocalMlflowServer;
import org.pdml.tracking.mlflow.MlflowConnection;
import org.pdml.tracking.mlflow.MlflowTrackerSettings;
import org.pdml.tracking.mlflow.SpoolFlusher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pdml tracking flush}: sends what runs left in their tracking spools. */
@Command(
        name = "tracking",
        mixinStandardHelpOptions = true,
        description = "Tracking maintenance.",
        subcommands = {TrackingCommand.Flush.class})
public final class TrackingCommand {

    /** {@code pdml tracking flush [--spool <file>]}. */
    @Command(
            name = "flush",
            mixinStandardHelpOptions = true,
            description =
                    "Send undelivered params/metrics/tags/artifacts from spool files to the"
                            + " tracking server (MLFLOW_TRACKING_URI, or a local server).")
    static final class Flush implements Callable<Integer> {

        @Option(
                names = "--spool",
                description = "One spool file (default: every file in --spool-dir).")
        Path spool;

        @Option(names = "--spool-dir", description = "Spool folder (default: ${DEFAULT-VALUE}).")
        Path spoolDir = MlflowTrackerSettings.DEFAULT_SPOOL_DIR;

        @Option(
                names = "--timeout",
                description = "Seconds to keep retrying per spool (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds = 300;

        @Override
        public Integer call() {
            List<Path> spools = spool != null ? List.of(spool) : SpoolFlusher.spools(spoolDir);
            if (spools.isEmpty()) {
                System.out.println("nothing to flush in " + spoolDir);
                return 0;
            }
            try (MlflowConnection conn =
                    MlflowConnection.open(
                            System.getenv(),
                            LocalMlflowServer.DEFAULT_VENV,
                            LocalMlflowServer.DEFAULT_DATA_DIR)) {
                MlflowTrackerSettings settings =
                        MlflowTrackerSettings.defaults(conn.endpoint(), spoolDir);
                for (Path s : spools) {
                    int sent = SpoolFlusher.flush(s, settings, Duration.ofSeconds(timeoutSeconds));
                    System.out.println("flushed " + sent + " records from " + s);
                }
            }
            return 0;
        }
    }
}
