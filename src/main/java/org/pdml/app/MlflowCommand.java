package org.pdml.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pdml.tracking.mlflow.LocalMlflowServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pdml mlflow ui}: the local MLflow server, for browsing runs. */
@Command(
        name = "mlflow",
        mixinStandardHelpOptions = true,
        description = "The local MLflow server.",
        subcommands = {MlflowCommand.Ui.class})
public final class MlflowCommand {

    /** {@code pdml mlflow ui [--port P]}: starts the server pdml uses locally and waits. */
    @Command(
            name = "ui",
            mixinStandardHelpOptions = true,
            description =
                    "Start the local MLflow server (127.0.0.1, SQLite) and wait; Ctrl-C stops it.")
    static final class Ui implements Callable<Integer> {

        @Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE}).")
        int port = 5000;

        @Option(
                names = "--data-dir",
                description = "SQLite DB and artifacts (default: ${DEFAULT-VALUE}).")
        Path dataDir = LocalMlflowServer.DEFAULT_DATA_DIR;

        @Option(
                names = "--venv",
                description =
                        "Venv with the pinned mlflow, created on first use (default: ${DEFAULT-VALUE}).")
        Path venv = LocalMlflowServer.DEFAULT_VENV;

        @Override
        public Integer call() throws InterruptedException {
            try (LocalMlflowServer server = LocalMlflowServer.start(venv, dataDir, port)) {
                // Ctrl-C: the server's own exit hook stops its process tree.
                System.out.println(
                        "MLflow UI at "
                                + server.uri()
                                + " (data in "
                                + server.dataDir()
                                + "); Ctrl-C to stop");
                return server.waitFor();
            }
        }
    }
}
