package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.testing.ChildJvm;
import org.pdml.testing.SyntheticExamples;
import org.pdml.testing.TorchVenv;
import org.pdml.tracking.mlflow.LocalMlflowServer;
import org.pdml.tracking.mlflow.MlflowServerExtension;
import org.pdml.tracking.mlflow.TestMlflowServer;

/**
 * Issue #22's "Serve it", end to end on loopback against a real MLflow 3.1.1 server: a tracked
 * {@code pdml run}, then {@code pdml promote} (a child JVM, as the user runs it, with {@code
 * MLFLOW_TRACKING_URI}) registers the run's logged model and makes it the champion; {@code
 * mlflow.pyfunc.load_model("models:/pdml-embedding@champion")} and one HTTP {@code /invocations}
 * request to {@code mlflow models serve -m models:/pdml-embedding@champion --env-manager local}
 * give the embeddings and κ of {@code pdml embed} within 1e-4. Torch comes from the pip torch venv
 * (appended to the Python path, as in {@link MlflowModelIT}); without it the test is skipped,
 * saying why.
 */
@ExtendWith(MlflowServerExtension.class)
class MlflowServeIT {
    private static final double TOLERANCE = 1e-4;
    private static final String MODEL = "pdml-embedding";
    private static final String CHAMPION_URI = "models:/" + MODEL + "@champion";
    private static final Duration SERVE_START = Duration.ofMinutes(3);

    @TempDir Path tmp;

    @Test
    void theRegisteredChampionLoadsAndServesThePdmlEmbedEmbeddings(TestMlflowServer server)
            throws Exception {
        Path torchSite = TorchVenv.sitePackages();
        Cli.Result run = trackedRun(server);
        String runId = group(run.out(), "(?m)^mlflow run: (\\S+) ");
        Path model = Path.of(group(run.out(), "(?m)^model: (.+)$").strip());
        String promoted = promote(server, runId);
        assertThat(promoted).contains("registered " + MODEL + " version 1", "moved to version 1");
        JsonNode champion = server.readAlias(MODEL, "champion");
        assertThat(champion.get("run_id").asText()).isEqualTo(runId);
        // The version is the logged model the train run made, which the parent lists as output.
        String modelId = server.readRuns(runId).get(runId).get("outputs").get(0).asText();
        assertThat(modelId).startsWith("m-");
        assertThat(champion.get("source").asText()).isEqualTo("models:/" + modelId);

        Path images = SyntheticExamples.writeLoose(tmp.resolve("images"), 5, 48, 3);
        Path z = tmp.resolve("z");
        Cli.embedNpy(model, images, z);
        Path pythonHook = appendToPythonPath(torchSite);
        int port = LocalMlflowServer.freePort();
        Path serveLog = tmp.resolve("serve.log");
        Process serve = serve(server, pythonHook, port, serveLog);
        JsonNode r;
        try {
            awaitPing(serve, port, serveLog);
            r = check(server, pythonHook, images, z.resolve("embeddings.npy"), port);
        } finally {
            killTree(serve);
        }
        System.out.printf(
                "%s vs pdml embed, %d images: load_model max |dz| %.3e |dkappa| %.3e;"
                        + " served max |dz| %.3e |dkappa| %.3e%n",
                CHAMPION_URI,
                r.get("names").size(),
                r.get("load_model_dz").asDouble(),
                r.get("load_model_dkappa").asDouble(),
                r.get("served_dz").asDouble(),
                r.get("served_dkappa").asDouble());
        assertThat(Files.readAllLines(z.resolve("ids.txt"))).hasSize(r.get("names").size());
        assertThat(r.get("served_keys").toString())
                .isEqualTo("[\"direction\",\"embedding\",\"kappa\"]");
        for (String key :
                List.of("load_model_dz", "load_model_dkappa", "served_dz", "served_dkappa")) {
            assertThat(r.get(key).asDouble()).as(key).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    private Cli.Result trackedRun(TestMlflowServer server) throws IOException {
        SyntheticExamples.writeFolder(tmp.resolve("data"), 8, 6, 3);
        return Cli.ok(
                "run",
                "--config",
                "configs/smoke/folder-tiny.yaml",
                "data.source=" + tmp.resolve("data"),
                "data.output=" + tmp.resolve("shards"),
                "runs_root=" + tmp.resolve("runs"),
                "tracking.mode=on",
                "tracking.uri=" + server.uri(),
                "tracking.experiment=serve-it");
    }

    /** {@code pdml promote --run <id> --metric recall_at_1} in a child JVM; returns its output. */
    private String promote(TestMlflowServer server, String runId) throws Exception {
        List<String> cmd =
                ChildJvm.pdml(
                        List.of(), List.of("promote", "--run", runId, "--metric", "recall_at_1"));
        Path log = tmp.resolve("promote.log");
        Process p = start(cmd, Map.of("MLFLOW_TRACKING_URI", server.uri()), log);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("pdml promote ended").isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** Five 48×48 PNGs, as in {@link MlflowModelIT}. */
    /**
     * A folder for {@code PYTHONPATH} whose {@code sitecustomize} appends the torch venv's
     * site-packages to {@code sys.path}: after the test venv's own packages, so that only torch and
     * what it alone brings come from there.
     */
    private Path appendToPythonPath(Path site) throws IOException {
        Path hook = Files.createDirectories(tmp.resolve("pyhook"));
        Files.writeString(
                hook.resolve("sitecustomize.py"),
                "import sys\nsys.path.append(" + pyString(site.toString()) + ")\n");
        return hook;
    }

    private static String pyString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private Process serve(TestMlflowServer server, Path pythonHook, int port, Path log)
            throws IOException {
        List<String> cmd =
                List.of(
                        server.venv().resolve("bin/mlflow").toString(),
                        "models",
                        "serve",
                        "-m",
                        CHAMPION_URI,
                        "--env-manager",
                        "local",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port),
                        "-w",
                        "1");
        return start(cmd, pythonEnv(server, pythonHook), log);
    }

    /** The served model's environment: the tracking server, the venv's bin first, torch. */
    private static Map<String, String> pythonEnv(TestMlflowServer server, Path pythonHook) {
        return Map.of(
                "MLFLOW_TRACKING_URI",
                server.uri(),
                "PATH",
                server.venv().resolve("bin") + ":" + System.getenv().getOrDefault("PATH", ""),
                "PYTHONPATH",
                pythonHook.toString(),
                "OMP_NUM_THREADS",
                "1");
    }

    private static Process start(List<String> cmd, Map<String, String> env, Path log)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Polls {@code GET /ping} until it answers 200; fails with the log if the server dies. */
    private static void awaitPing(Process serve, int port, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ping =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping"))
                        .timeout(Duration.ofSeconds(5))
                        .build();
        long deadline = System.nanoTime() + SERVE_START.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(serve.isAlive())
                    .as("mlflow models serve exited:%n%s", Files.readString(log))
                    .isTrue();
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(
                "mlflow models serve did not answer /ping within "
                        + SERVE_START
                        + ":\n"
                        + Files.readString(log));
    }

    /** Kills the serve process and every process it started; fails if one survives. */
    private static void killTree(Process serve) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(serve.descendants().toList());
        tree.add(serve.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException
                    | java.util.concurrent.TimeoutException e) {
                throw new AssertionError(
                        "process " + h.pid() + " of mlflow models serve lives on", e);
            }
        }
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
    }

    private JsonNode check(
            TestMlflowServer server, Path pythonHook, Path images, Path embeddings, int port)
            throws Exception {
        Path script = tmp.resolve("check_served_model.py");
        try (InputStream in =
                MlflowServeIT.class.getResourceAsStream("/mlflowserve/check_served_model.py")) {
            Files.copy(in, script);
        }
        List<String> cmd =
                List.of(
                        server.venv().resolve("bin/python").toString(),
                        script.toString(),
                        CHAMPION_URI,
                        images.toString(),
                        embeddings.toString(),
                        Integer.toString(port));
        Path log = tmp.resolve("check.log");
        Process p = start(cmd, pythonEnv(server, pythonHook), log);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("check_served_model.py ended").isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        String line = out.lines().filter(l -> l.startsWith("SERVED ")).findFirst().orElseThrow();
        return new ObjectMapper().readTree(line.substring("SERVED ".length()));
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("/%s/ in:%n%s", regex, text).isTrue();
        return m.group(1);
    }
}
