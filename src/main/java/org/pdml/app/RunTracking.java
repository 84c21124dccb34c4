package org.pdml.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.pdml.config.TrackingConfig;
import org.pdml.tracking.NoopRunTracker;
import org.pdml.tracking.RunTracker;
import org.pdml.tracking.mlflow.LocalMlflowServer;
import org.pdml.tracking.mlflow.MlflowConnection;

/**
 * The MLflow side of one pdml command: the connection (the server named by {@code tracking.uri} or
 * {@code MLFLOW_TRACKING_URI}, else a local one) and the command's root run. With tracking off the
 * run is a no-op tracker. Closing finishes the run, then the connection.
 */
final class RunTracking implements AutoCloseable {
    private final MlflowConnection connection;
    private final RunTracker root;

    private RunTracking(MlflowConnection connection, RunTracker root) {
        this.connection = connection;
        this.root = root;
    }

    /**
     * Opens tracking for a run: with mode off a no-op tracker (no server needed); else the server
     * named by {@code t.uri()}, {@code MLFLOW_TRACKING_URI}, or a local one, failing fast when it
     * is unreachable.
     *
     * @param t the effective tracking settings (config and command-line options)
     * @param runName the run's display name
     * @param spoolDir where the run journals what it has not yet delivered
     * @return the tracking of this run
     * @throws org.pdml.tracking.mlflow.TrackingUnavailableException when tracking is on and the
     *     server is unreachable
     */
    static RunTracking open(TrackingConfig t, String runName, Path spoolDir) {
        if (t.mode() == TrackingConfig.Mode.OFF) {
            return new RunTracking(null, new NoopRunTracker());
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        if (t.uri() != null) {
            env.put("MLFLOW_TRACKING_URI", t.uri());
        }
        String testVenv = System.getProperty("pdml.venv");
        Path venv = testVenv != null ? Path.of(testVenv) : LocalMlflowServer.DEFAULT_VENV;
        MlflowConnection connection =
                MlflowConnection.open(env, venv, LocalMlflowServer.DEFAULT_DATA_DIR);
        try {
            return new RunTracking(
                    connection, connection.startRun(t.experiment(), runName, spoolDir));
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The tracking server's URI, for child processes that log to the same server (a local server
     * stays up while this command runs); empty with tracking off.
     */
    Optional<String> uri() {
        return connection == null ? Optional.empty() : Optional.of(connection.endpoint().uri());
    }

    /** Returns the parent run. */
    RunTracker root() {
        return root;
    }

    @Override
    public void close() {
        try {
            root.close();
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
