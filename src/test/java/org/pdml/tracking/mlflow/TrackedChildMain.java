package org.pdml.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A tracked "training" process for the child-JVM tests, configured only through the environment as
 * a user's run would be ({@code MLFLOW_TRACKING_URI}, token, username, password). Prints {@code RUN
 * <id>} once its first records are on the server. Modes:
 *
 * <ul>
 *   <li>{@code loop}: then blocks on stdin, so the test can SIGTERM it;
 *   <li>{@code leak}: logs the credentials every way a careless stage might (config, tag, artifact,
 *       error message, log lines), then ends the run FAILED;
 *   <li>{@code local}: with no tracking URI in its environment, starts pdml's own local server
 *       (venv from system property {@code pdml.venv}, data in {@code <scratch>/mlruns}) as {@code
 *       pdml run} does, then blocks on stdin like {@code loop}.
 * </ul>
 */
public final class TrackedChildMain {

    private TrackedChildMain() {}

    /**
     * Runs the child.
     *
     * @param args mode, spool folder, scratch folder
     * @throws IOException on stdin or scratch file errors
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> env = System.getenv();
        if (args[0].equals("local")) {
            local(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        TrackingEndpoint endpoint = TrackingEndpoint.fromEnvironment(env).orElseThrow();
        System.err.println("endpoint " + endpoint);
        MlflowTrackerSettings settings = MlflowTrackerSettings.defaults(endpoint, Path.of(args[1]));
        MlflowRunTracker run = MlflowRunTracker.start(settings, "it-child", args[0]);
        run.logMetric("tick", 1.0, 0);
        if (args[0].equals("leak")) {
            leak(run, env, Path.of(args[2]));
        }
        run.awaitDelivered(Duration.ofSeconds(60));
        System.out.println("RUN " + run.runId());
        System.out.flush();
        if (args[0].equals("loop")) {
            // Training until SIGTERM; the shutdown hook ends the run as KILLED.
            while (System.in.read() >= 0) {
                run.logMetric("tick", 1.0, 1);
            }
        }
    }

    /**
     * The test's end of the protocol: waits for a child running this class to print its {@code RUN
     * <id>} line, failing with the child's standard error when it prints anything else.
     *
     * @param child the child, its standard output not yet read
     * @param stderr the file the child's standard error is redirected to
     * @param limit how long to wait for the line
     * @return the run id
     * @throws Exception if the line does not come within the limit or cannot be read
     */
    static String awaitRunId(Process child, Path stderr, Duration limit) throws Exception {
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line =
                CompletableFuture.supplyAsync(() -> readLine(out))
                        .get(limit.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("child stderr: %s", Files.readString(stderr)).startsWith("RUN ");
        return line.substring(4).trim();
    }

    private static String readLine(BufferedReader r) {
        try {
            return String.valueOf(r.readLine());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void local(Path spool, Path scratch) throws IOException {
        Path venv = Path.of(System.getProperty("pdml.venv"));
        // Never closed: the JVM is ended by SIGTERM, as a user's Ctrl-C or kill would end it.
        MlflowConnection connection =
                MlflowConnection.open(Map.of(), venv, scratch.resolve("mlruns"));
        MlflowRunTracker run = connection.startRun("it-child", "local", spool);
        run.logMetric("tick", 1.0, 0);
        run.awaitDelivered(Duration.ofSeconds(60));
        System.out.println("RUN " + run.runId());
        System.out.flush();
        while (System.in.read() >= 0) {
            run.logMetric("tick", 1.0, 1);
        }
    }

    private static void leak(MlflowRunTracker run, Map<String, String> env, Path scratch)
            throws IOException {
        String token = env.get("MLFLOW_TRACKING_TOKEN");
        String password = env.get("MLFLOW_TRACKING_PASSWORD");
        String uriWithUser = env.get("PDML_TEST_URI_WITH_USER");
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("password", password);
        db.put("url", uriWithUser);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("db", db);
        config.put("note", "token is " + token);
        run.logConfig(config);
        run.setTag("auth", "Bearer " + token);
        Path file =
                Files.writeString(
                        scratch.resolve("resolved.yaml"),
                        "token: "
                                + token
                                + "\npassword: "
                                + password
                                + "\nurl: "
                                + uriWithUser
                                + "\n");
        run.logArtifact(file, "config");
        try {
            TrackingEndpoint.of(uriWithUser.replaceFirst(":\\d+", ":1"), env).requireReachable();
        } catch (TrackingUnavailableException e) {
            System.err.println("expected: " + e.getMessage());
        }
        run.markFailed(new IllegalStateException("login with " + token + " failed"));
        run.close();
    }
}
