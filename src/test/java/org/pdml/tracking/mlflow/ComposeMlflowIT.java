package org.pdml.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.testing.ChildJvm;
import org.pdml.testing.SyntheticExamples;

/**
 * {@code compose.yaml} as far as this machine can run it (no container engine): the {@code
 * postgres} service's user, password and database started as a real PostgreSQL 15 ({@link
 * LocalPostgres}), and the {@code mlflow} service's command, flag for flag, from the test venv
 * (which pins the image's mlflow and psycopg2-binary). Only what the containers' network and
 * volumes decide is replaced: the listen address and port, the database host {@code postgres:5432},
 * and the artifact volume's mount point (a temp folder). Then one {@code pdml run} in a child JVM,
 * tracked through {@code MLFLOW_TRACKING_URI} as the file's header says, and MLflow's REST API must
 * show the parent run FINISHED with its final metrics, and a stage's artifact served by the server
 * with the bytes that landed in the artifact folder. Skips, saying why, where PostgreSQL cannot run
 * ({@link LocalPostgres#unavailable()}).
 */
class ComposeMlflowIT {
    private static final Path COMPOSE = Path.of("compose.yaml");
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{([A-Z0-9_]+):-([^}]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir Path tmp;

    @Test
    void composesServicesTrackAPdmlRunInPostgresWithServedArtifacts() throws Exception {
        LocalPostgres.unavailable().ifPresent(why -> Assumptions.abort("skipped: " + why));
        JsonNode services = new YAMLMapper().readTree(COMPOSE.toFile()).get("services");
        JsonNode pgEnv = services.at("/postgres/environment");
        assertThat(services.at("/postgres/image").asText()).isEqualTo("postgres:15");
        assertThat(services.at("/mlflow/image").asText()).isEqualTo("pdml:mlflow");
        assertThat(services.at("/mlflow/build/dockerfile").asText())
                .isEqualTo("infra/docker/Dockerfile.mlflow");
        String volume = artifactVolumeMount(services.get("mlflow"));
        Path venv = Path.of(System.getProperty("pdml.venv"));
        Path artifacts = Files.createDirectories(tmp.resolve("artifact-volume"));
        try (LocalPostgres pg =
                LocalPostgres.start(
                        env(pgEnv, "POSTGRES_USER"),
                        env(pgEnv, "POSTGRES_PASSWORD"),
                        env(pgEnv, "POSTGRES_DB"))) {
            int port = LocalMlflowServer.freePort();
            List<String> cmd =
                    localised(
                            services.at("/mlflow/command"),
                            venv,
                            port,
                            pg.port(),
                            volume,
                            artifacts);
            try (LocalMlflowServer server = LocalMlflowServer.run(cmd, port, tmp)) {
                String runId = trackedRun(server.uri());
                JsonNode run =
                        get(server.uri(), "/api/2.0/mlflow/runs/get?run_id=" + runId).get("run");
                assertThat(run.at("/info/status").asText()).isEqualTo("FINISHED");
                List<String> metrics = new ArrayList<>();
                run.at("/data/metrics").forEach(m -> metrics.add(m.get("key").asText()));
                assertThat(metrics).as("the parent's final metrics").contains("recall_at_1");
                assertAStageArtifactIsServedFromTheVolume(server.uri(), run, artifacts);
            }
        }
    }

    /** The container path of the {@code mlflow-artifacts} volume. */
    private static String artifactVolumeMount(JsonNode mlflow) {
        for (JsonNode v : mlflow.get("volumes")) {
            String[] parts = v.asText().split(":");
            if (parts[0].equals("mlflow-artifacts")) {
                return parts[1];
            }
        }
        throw new AssertionError("the mlflow service mounts no mlflow-artifacts volume");
    }

    /** An environment value, with compose's {@code ${NAME:-default}} taken at its default. */
    private static String env(JsonNode env, String name) {
        assertThat(env.has(name)).as("postgres sets " + name).isTrue();
        return defaults(env.get(name).asText());
    }

    private static String defaults(String text) {
        Matcher m = DEFAULTED.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(2)));
    }

    /** The service's command with only the network's and the volume's values made local. */
    private static List<String> localised(
            JsonNode command, Path venv, int port, int pgPort, String volume, Path artifacts) {
        List<String> c = new ArrayList<>();
        command.forEach(n -> c.add(defaults(n.asText())));
        assertThat(c.subList(0, 2)).containsExactly("mlflow", "server");
        assertThat(c).contains("--serve-artifacts").noneMatch(a -> a.contains("${"));
        List<String> out = new ArrayList<>(List.of(venv.resolve("bin/mlflow").toString()));
        for (int i = 1; i < c.size(); i++) {
            String arg = c.get(i);
            out.add(
                    switch (c.get(i - 1)) {
                        case "--host" -> "127.0.0.1";
                        case "--port" -> Integer.toString(port);
                        case "--backend-store-uri" -> {
                            assertThat(arg).startsWith("postgresql://").contains("@postgres:5432/");
                            yield arg.replace("@postgres:5432/", "@127.0.0.1:" + pgPort + "/");
                        }
                        case "--artifacts-destination" -> {
                            assertThat(arg).isEqualTo(volume);
                            yield artifacts.toString();
                        }
                        default -> arg;
                    });
        }
        return out;
    }

    /** {@code pdml run} of the tiny smoke config, tracked through MLFLOW_TRACKING_URI. */
    private String trackedRun(String uri) throws Exception {
        Path images = tmp.resolve("images");
        SyntheticExamples.writeFolder(images, 8, 6, 3);
        Path info = tmp.resolve("run-info.json");
        List<String> args =
                List.of(
                        "run",
                        "--config",
                        "configs/smoke/folder-tiny.yaml",
                        "--tracking",
                        "on",
                        "--run-info",
                        info.toString(),
                        "data.source=" + images,
                        "data.output=" + tmp.resolve("shards"),
                        "runs_root=" + tmp.resolve("runs"),
                        "tracking.experiment=compose-it");
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.pdml(List.of(), args));
        Path log = tmp.resolve("pdml-run.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("MLFLOW_"));
        pb.environment().put("MLFLOW_TRACKING_URI", uri);
        Process p = pb.start();
        boolean ended = p.waitFor(5, TimeUnit.MINUTES);
        String text = Files.readString(log, StandardCharsets.UTF_8);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended && p.exitValue() == 0).as("pdml run:%n%s", text).isTrue();
        String id = JSON.readTree(info.toFile()).path("mlflow_run_id").asText("");
        assertThat(id).as("the run-info file names the MLflow run").isNotEmpty();
        return id;
    }

    /**
     * Some file of a stage (child) run: listed by the server, downloaded through its artifact
     * proxy, and equal to the file in the artifact folder under {@code
     * <experiment>/<run>/artifacts/}.
     */
    private static void assertAStageArtifactIsServedFromTheVolume(
            String uri, JsonNode parent, Path artifacts) throws Exception {
        String exp = parent.at("/info/experiment_id").asText();
        String filter = "tags.mlflow.parentRunId = '" + parent.at("/info/run_id").asText() + "'";
        JsonNode children =
                post(
                        uri,
                        "/api/2.0/mlflow/runs/search",
                        JSON.createObjectNode()
                                .put("filter", filter)
                                .set("experiment_ids", JSON.createArrayNode().add(exp)));
        assertThat(children.path("runs").size()).as("stage runs").isPositive();
        for (JsonNode child : children.get("runs")) {
            String id = child.at("/info/run_id").asText();
            for (JsonNode f :
                    get(uri, "/api/2.0/mlflow/artifacts/list?run_id=" + id).path("files")) {
                if (!f.path("is_dir").asBoolean()) {
                    String path = f.get("path").asText();
                    byte[] served = download(uri, exp + "/" + id + "/artifacts/" + path);
                    Path stored =
                            artifacts.resolve(exp).resolve(id).resolve("artifacts").resolve(path);
                    assertThat(stored).as("in the artifact volume").isRegularFile();
                    assertThat(served).isEqualTo(Files.readAllBytes(stored));
                    System.out.printf(
                            "[compose-it] run %s: %s (%d bytes) served from %s%n",
                            id, path, served.length, stored);
                    return;
                }
            }
        }
        throw new AssertionError("no stage run has a top-level artifact file");
    }

    private static JsonNode get(String uri, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(uri + path)).GET().build());
    }

    private static JsonNode post(String uri, String path, JsonNode body)
            throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(uri + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build());
    }

    private static JsonNode send(HttpRequest req) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(req.uri() + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static byte[] download(String uri, String path)
            throws IOException, InterruptedException {
        HttpRequest req =
                HttpRequest.newBuilder(
                                URI.create(uri + "/api/2.0/mlflow-artifacts/artifacts/" + path))
                        .GET()
                        .build();
        HttpResponse<byte[]> r = HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(req.uri().toString()).isEqualTo(200);
        return r.body();
    }
}
