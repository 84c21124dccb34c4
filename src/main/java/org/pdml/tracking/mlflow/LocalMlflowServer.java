package org.pdml.tracking.mlflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.pdml.venv.PinnedVenv;

/**
 * A local {@code mlflow server} on 127.0.0.1 with a SQLite backend ({@code <dataDir>/mlflow.db})
 * and a proxied artifact store ({@code <dataDir>/mlartifacts}), run from a venv holding the pinned
 * {@value #MLFLOW_VERSION} (a {@link PinnedVenv}, created on first use). {@link #close()} stops the
 * whole process tree.
 *
 * <p>A JVM that ends without {@code close} (SIGTERM, SIGINT, {@code System.exit}) stops the tree
 * too, from a shutdown hook: the server and its gunicorn workers were once left running, adopted by
 * PID 1. The hook first lets the tracking hooks ({@link MlflowRunTracker#SHUTDOWN_THREAD}) end
 * their runs KILLED on this server. Only SIGKILL, which runs no hook, can still orphan the tree.
 */
public final class LocalMlflowServer implements AutoCloseable {

    /** The pinned server version. */
    public static final String MLFLOW_VERSION = "3.1.1";

    /**
     * SQLAlchemy pinned beside mlflow: 3.1.1 allows 2.1, whose removal of {@code
     * FallbackAsyncAdaptedQueuePool} breaks its SQLite store at server start.
     */
    public static final String SQLALCHEMY_VERSION = "2.0.58";

    /** Default venv location, relative to the working directory. */
    public static final Path DEFAULT_VENV = Path.of(".cache", "mlflow-venv");

    /** Default data folder (SQLite DB and artifacts), relative to the working directory. */
    public static final Path DEFAULT_DATA_DIR = Path.of("mlruns");

    /** Bound on waiting for {@code /health} after start. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private static final Duration VENV_TIMEOUT = Duration.ofMinutes(15);

    private final Process process;
    private final int port;
    private final Path dataDir;

    private final Thread stopOnExit = new Thread(this::stopAfterTracking, "pdml-mlflow-stop");

    /** How long the exit hook waits for the tracking hooks to end their runs. */
    private static final Duration TRACKING_GRACE = Duration.ofSeconds(30);

    private LocalMlflowServer(Process process, int port, Path dataDir) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * Starts a server and waits until {@code /health} answers.
     *
     * @param venv a venv holding {@code bin/mlflow}; created when missing
     * @param dataDir the SQLite DB and artifact folder (created)
     * @param port the port, or 0 for a free one
     * @return the running server
     * @throws IllegalStateException when it exits or is not ready within {@link #READY_TIMEOUT}
     */
    public static LocalMlflowServer start(Path venv, Path dataDir, int port) {
        Path mlflow = ensureVenv(venv);
        int chosen = port == 0 ? freePort() : port;
        Path data = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create MLflow data folder " + data, e);
        }
        List<String> cmd =
                List.of(
                        mlflow.toString(),
                        "server",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(chosen),
                        "--workers",
                        "1",
                        "--backend-store-uri",
                        "sqlite:///" + data.resolve("mlflow.db"),
                        "--artifacts-destination",
                        data.resolve("mlartifacts").toString(),
                        "--serve-artifacts");
        return run(cmd, chosen, data);
    }

    /**
     * Starts any {@code mlflow server} command line (for tests that run a deployment's exact
     * command) and waits until {@code /health} answers on 127.0.0.1; the returned server stops the
     * process tree like one from {@link #start}.
     *
     * @param cmd the full command line, listening on 127.0.0.1:{@code port}
     * @param port the port it listens on
     * @param dataDir an existing folder that receives {@code server.log}
     * @return the running server
     * @throws IllegalStateException when it exits or is not ready within {@link #READY_TIMEOUT}
     */
    static LocalMlflowServer run(List<String> cmd, int port, Path dataDir) {
        Process p = launch(cmd, dataDir.resolve("server.log"));
        LocalMlflowServer server = new LocalMlflowServer(p, port, dataDir);
        Runtime.getRuntime().addShutdownHook(server.stopOnExit);
        server.awaitReady();
        return server;
    }

    private static Process launch(List<String> cmd, Path log) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The server must not inherit the caller's tracking credentials or URI.
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("MLFLOW_TRACKING_"));
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd.get(0), e);
        }
    }

    /**
     * Returns {@code <venv>/bin/mlflow}, creating the venv with the pinned mlflow when missing
     * ({@link PinnedVenv}).
     *
     * @param venv the venv folder
     * @return the mlflow executable
     * @throws IllegalStateException when venv creation or pip fails
     */
    public static Path ensureVenv(Path venv) {
        PinnedVenv.ensure(
                venv,
                List.of("mlflow==" + MLFLOW_VERSION, "sqlalchemy==" + SQLALCHEMY_VERSION),
                VENV_TIMEOUT);
        return venv.resolve("bin").resolve("mlflow");
    }

    /**
     * A free loopback port, as reported by the OS.
     *
     * @return the port
     */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private void awaitReady() {
        HttpClient http = TrackingEndpoint.httpClient();
        HttpRequest req =
                HttpRequest.newBuilder(URI.create(uri() + "/health"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "mlflow server exited with "
                                + process.exitValue()
                                + "; see "
                                + dataDir.resolve("server.log"));
            }
            if (healthy(http, req)) {
                return;
            }
            sleepQuietly(Duration.ofMillis(200));
        }
        close();
        throw new IllegalStateException(
                "mlflow server not ready within "
                        + READY_TIMEOUT.toSeconds()
                        + " s; see "
                        + dataDir.resolve("server.log"));
    }

    private static boolean healthy(HttpClient http, HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for mlflow server", e);
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for mlflow server", e);
        }
    }

    /**
     * The tracking URI.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Returns the port.
     *
     * @return the listening port
     */
    public int port() {
        return port;
    }

    /**
     * Returns the data folder.
     *
     * @return the absolute folder holding {@code mlflow.db} and {@code mlartifacts}
     */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Waits until the server process exits (for {@code pdml mlflow ui}).
     *
     * @return its exit status
     * @throws InterruptedException when interrupted
     */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** Kills the process tree at once (SIGKILL), as a crash would; for outage tests. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit(process.toHandle());
    }

    /** Stops the process tree: SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook stops the tree as well; stopping twice is safe.
        }
        stopTree();
    }

    /** The exit hook: the tracking hooks still send to this server, so they go first. */
    private void stopAfterTracking() {
        long deadline = System.nanoTime() + TRACKING_GRACE.toNanos();
        try {
            for (Thread hook : List.copyOf(MlflowRunTracker.SHUTDOWN_HOOKS)) {
                // The JVM starts every hook at once, in no set order: one may not be started yet.
                while (hook.getState() == Thread.State.NEW && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                hook.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopTree();
    }

    private void stopTree() {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        if (!awaitExit(process.toHandle())) {
            kill();
        }
        tree.forEach(
                h -> {
                    h.destroyForcibly();
                    awaitExit(h);
                });
    }

    private static boolean awaitExit(ProcessHandle h) {
        try {
            h.onExit().get(10, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot wait for process " + h.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
