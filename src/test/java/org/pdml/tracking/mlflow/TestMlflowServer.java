package org.pdml.tracking.mlflow;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.pdml.tracking.SecretRedactor;

/**
 * A real MLflow server for one test class, which tests may kill and restart on the same port and
 * database, plus MLflow's own Python client ({@code src/test/python/read_mlflow.py}) as the oracle
 * for reading back what was logged.
 */
public final class TestMlflowServer implements AutoCloseable {

    // Python's json module writes NaN for undefined metrics (e.g. AUROC with one outcome class).
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final Duration PYTHON_TIMEOUT = Duration.ofSeconds(120);

    private final Path venv;
    private final Path dataDir;
    private LocalMlflowServer server;

    TestMlflowServer(Path venv, Path dataDir) {
        this.venv = venv;
        this.dataDir = dataDir;
        this.server = LocalMlflowServer.start(venv, dataDir, 0);
    }

    /** Returns the tracking URI. */
    public String uri() {
        return server.uri();
    }

    /** Returns the port. */
    public int port() {
        return server.port();
    }

    /** Returns the venv holding mlflow. */
    public Path venv() {
        return venv;
    }

    /** Kills the server process tree, as a crash would. */
    public void kill() {
        server.kill();
    }

    /** Starts the server again on the same port and database. */
    public void restart() {
        server = LocalMlflowServer.start(venv, dataDir, server.port());
    }

    /**
     * Tracker settings for this server: no secrets known, a 60 s drain, fast backoff.
     *
     * @param spoolDir the spool folder
     * @return the settings
     */
    public MlflowTrackerSettings settings(Path spoolDir) {
        TrackingEndpoint endpoint = TrackingEndpoint.of(uri(), Map.of());
        return new MlflowTrackerSettings(
                endpoint,
                spoolDir,
                java.time.Clock.systemUTC(),
                SecretRedactor.of(List.of()),
                Duration.ofSeconds(60),
                Duration.ofMillis(100),
                Duration.ofSeconds(1));
    }

    /**
     * Reads runs with MLflow's Python client.
     *
     * @param runIds the runs
     * @return {run_id: {status, params, tags, metrics, artifacts, children}}
     */
    public JsonNode readRuns(String... runIds) {
        List<String> args = new ArrayList<>(List.of("runs"));
        args.addAll(List.of(runIds));
        return python(args);
    }

    /**
     * Reads the run of an experiment with a given {@code mlflow.runName}, with MLflow's Python
     * client.
     *
     * @param experiment experiment name
     * @param runName run name
     * @return the run as {@link #readRuns} describes one, or a JSON null when there is none
     */
    public JsonNode searchRunByName(String experiment, String runName) {
        return python(List.of("byname", experiment, runName));
    }

    /**
     * Reads several runs of an experiment by {@code mlflow.runName} in one Python call.
     *
     * @param experiment experiment name
     * @param runNames run names
     * @return {run_name: run as {@link #readRuns} describes one, or JSON null}
     */
    public JsonNode searchRunsByName(String experiment, String... runNames) {
        List<String> args = new ArrayList<>(List.of("bynames", experiment));
        args.addAll(List.of(runNames));
        return python(args);
    }

    /**
     * Reads the MLflow 3 logged models a run produced ({@code logged-models/search} by source run),
     * with MLflow's Python client.
     *
     * @param runId the source run
     * @return [{model_id, name, status, source_run_id, artifacts: {path: base64}}]
     */
    public JsonNode readLoggedModels(String runId) {
        return python(List.of("logged", runId));
    }

    /**
     * Reads which version carries an alias, with MLflow's Python client.
     *
     * @param model the registered model
     * @param alias the alias
     * @return {version, run_id, source}, null values when unset
     */
    public JsonNode readAlias(String model, String alias) {
        return python(List.of("alias", model, alias));
    }

    /**
     * Reads an experiment's id by name, with MLflow's Python client.
     *
     * @param experiment experiment name
     * @return its id, or null when there is no such experiment
     */
    public String experimentId(String experiment) {
        JsonNode id = python(List.of("experiment", experiment));
        return id.isNull() ? null : id.asText();
    }

    /**
     * Runs {@code mlflow.search_runs} on one experiment with a filter string, as a user would.
     *
     * @param experiment experiment name
     * @param filter the filter string
     * @return [{run_id, run_name, loss}] of the runs found ({@code loss} = param {@code loss.name})
     */
    public JsonNode searchRuns(String experiment, String filter) {
        return python(List.of("search", experiment, filter));
    }

    private JsonNode python(List<String> args) {
        return readMlflow(venv, uri(), args);
    }

    /**
     * Runs {@code src/test/python/read_mlflow.py} against any tracking server.
     *
     * @param venv the venv holding mlflow
     * @param uri the tracking URI
     * @param args the script's arguments, e.g. {@code runs <run_id>}
     * @return what it prints, parsed as JSON
     * @throws IllegalStateException when the script fails or takes over two minutes
     */
    static JsonNode readMlflow(Path venv, String uri, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(venv.resolve("bin/python").toString());
        cmd.add(Path.of("src/test/python/read_mlflow.py").toAbsolutePath().toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("MLFLOW_TRACKING_URI", uri);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(PYTHON_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("read_mlflow.py failed: " + args);
            }
            return JSON.readTree(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
