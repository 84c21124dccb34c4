package org.pdml.tracking.mlflow;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The tracking server a pdml command talks to: the one named by {@code MLFLOW_TRACKING_URI}, or,
 * when that is unset, a {@link LocalMlflowServer} started for the command and stopped by {@link
 * #close()}.
 */
public final class MlflowConnection implements AutoCloseable {

    private final TrackingEndpoint endpoint;
    private final LocalMlflowServer localServer;

    private MlflowConnection(TrackingEndpoint endpoint, LocalMlflowServer localServer) {
        this.endpoint = endpoint;
        this.localServer = localServer;
    }

    /**
     * Connects to the configured server or starts a local one.
     *
     * @param env the environment ({@code MLFLOW_TRACKING_*})
     * @param venv the venv for a local server (created on first use)
     * @param dataDir the local server's SQLite DB and artifact folder
     * @return the connection; close it to stop a local server
     * @throws TrackingUnavailableException for a URI that is not {@code http(s)://}
     */
    public static MlflowConnection open(Map<String, String> env, Path venv, Path dataDir) {
        Optional<TrackingEndpoint> configured = TrackingEndpoint.fromEnvironment(env);
        if (configured.isPresent()) {
            return new MlflowConnection(configured.get(), null);
        }
        LocalMlflowServer server = LocalMlflowServer.start(venv, dataDir, 0);
        return new MlflowConnection(TrackingEndpoint.of(server.uri(), env), server);
    }

    /**
     * Returns the endpoint.
     *
     * @return the server's URI and credentials
     */
    public TrackingEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Whether pdml started the server for this command.
     *
     * @return true for a local server
     */
    public boolean isLocal() {
        return localServer != null;
    }

    /**
     * Starts a root run with default settings.
     *
     * @param experiment the experiment name
     * @param runName the run name
     * @param spoolDir the spool folder
     * @return the open run
     * @throws TrackingUnavailableException when the server is unreachable
     */
    public MlflowRunTracker startRun(String experiment, String runName, Path spoolDir) {
        return MlflowRunTracker.start(
                MlflowTrackerSettings.defaults(endpoint, spoolDir), experiment, runName);
    }

    /** Stops the local server, if pdml started one. */
    @Override
    public void close() {
        if (localServer != null) {
            localServer.close();
        }
    }
}
