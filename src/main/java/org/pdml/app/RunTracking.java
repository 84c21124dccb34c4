package org.pdml.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.pdml.config.PdmlConfig;
import org.pdml.config.TrackingConfig;
import org.pdml.tracking.NoopRunTracker;
import org.pdml.tracking.RunTracker;
import org.pdml.tracking.mlflow.LocalMlflowServer;
import org.pdml.tracking.mlflow.MlflowConnection;

/**
 * The MLflow side of one {@code pdml run}: the connection (the server named by {@code tracking.uri}
 * or {@code MLFLOW_TRACKING_URI}, else a local one) and the parent run. With {@code tracking.mode:
 * off} the run is a no-op tracker. Closing finishes the run, then the connection.
 */
final class RunTracking implements AutoCloseable {
    private final MlflowConnection connection;
    private final RunTracker root;

    private RunTracking(MlflowConnection connection, RunTracker root) {
        this.connection = connection;
        this.root = root;
    }

    /**
     * Opens tracking for a run.
     *
     * @param c the run's config
     * @param run the run folder (the spool lives in it)
     * @return the tracking of this run
     */
    static RunTracking open(PdmlConfig c, Path run) {
        if (c.tracking().mode() == TrackingConfig.Mode.OFF) {
            return new RunTracking(null, new NoopRunTracker());
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        if (c.tracking().uri() != null) {
            env.put("MLFLOW_TRACKING_URI", c.tracking().uri());
        }
        String testVenv = System.getProperty("pdml.venv");
        Path venv = testVenv != null ? Path.of(testVenv) : LocalMlflowServer.DEFAULT_VENV;
        MlflowConnection connection =
                MlflowConnection.open(env, venv, LocalMlflowServer.DEFAULT_DATA_DIR);
        try {
            RunTracker root =
                    connection.startRun(
                            c.tracking().experiment(),
                            run.getFileName().toString(),
                            run.resolve("tracking-spool"));
            return new RunTracking(connection, root);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
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
