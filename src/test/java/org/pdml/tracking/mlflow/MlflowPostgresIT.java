package org.pdml.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the MLflow server command of {@code infra/k8s/mlflow/mlflow.yaml}, flag for flag, from the
 * test venv against a real PostgreSQL ({@link LocalPostgres}) whose user and database come from
 * {@code infra/k8s/mlflow/postgres.yaml}, logs a run with pdml's own tracker (found through {@code
 * MLFLOW_TRACKING_URI}, as in the cluster) and reads it back with MLflow's Python client. Only the
 * cluster-specific values are replaced: listen address and port, the PostgreSQL host, the {@code
 * $(DB_PASSWORD)} Kubernetes expands, and the {@code gs://} artifact destination (a temp folder).
 * Skips, saying why, where PostgreSQL cannot run ({@link LocalPostgres#unavailable()}).
 */
class MlflowPostgresIT {
    private static final Path MANIFEST = Path.of("infra/k8s/mlflow/mlflow.yaml");
    private static final Path POSTGRES_MANIFEST = Path.of("infra/k8s/mlflow/postgres.yaml");
    private static final String CLUSTER_DB_HOST = "@postgres.pdml.svc:5432/";
    private static final String PASSWORD = "pdmlIt0pw";
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir Path tmp;

    @Test
    void theManifestsServerCommandTracksARunInPostgres() throws IOException {
        LocalPostgres.unavailable().ifPresent(why -> Assumptions.abort("skipped: " + why));
        JsonNode env = postgresEnv();
        String user = env.get("POSTGRES_USER").asText();
        Path venv = Path.of(System.getProperty("pdml.venv"));
        try (LocalPostgres pg =
                LocalPostgres.start(user, PASSWORD, env.get("POSTGRES_DB").asText())) {
            int port = LocalMlflowServer.freePort();
            List<String> cmd =
                    localised(
                            manifestCommand(),
                            venv.resolve("bin/mlflow"),
                            port,
                            pg.port(),
                            tmp.resolve("artifacts"));
            try (LocalMlflowServer server = LocalMlflowServer.run(cmd, port, tmp)) {
                String runId = logRun(server.uri());
                JsonNode run =
                        TestMlflowServer.readMlflow(venv, server.uri(), List.of("runs", runId))
                                .get(runId);
                assertRun(run);
            }
        }
        assertThat(tmp.resolve("artifacts")).isNotEmptyDirectory(); // the server wrote them
    }

    /**
     * The Deployment's container command and args, as the pod runs them.
     *
     * @return {@code command} then {@code args}
     */
    static List<String> manifestCommand() throws IOException {
        JsonNode container = kind(MANIFEST, "Deployment").at("/spec/template/spec/containers/0");
        List<String> cmd = new ArrayList<>();
        container.get("command").forEach(n -> cmd.add(n.asText()));
        container.get("args").forEach(n -> cmd.add(n.asText()));
        return cmd;
    }

    /** The StatefulSet's container env as {name: value}; secret-backed entries are JSON null. */
    private static JsonNode postgresEnv() throws IOException {
        JsonNode container =
                kind(POSTGRES_MANIFEST, "StatefulSet").at("/spec/template/spec/containers/0");
        var out = YAML.createObjectNode();
        container.get("env").forEach(e -> out.set(e.get("name").asText(), e.get("value")));
        return out;
    }

    private static JsonNode kind(Path file, String kind) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (JsonNode doc : YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll()) {
            if (kind.equals(doc.path("kind").asText())) {
                return doc;
            }
        }
        throw new IllegalStateException("no " + kind + " in " + file);
    }

    /**
     * The manifest's command with only the cluster-specific values replaced.
     *
     * @param manifest {@code mlflow server ...} as the manifest runs it
     * @param mlflow the venv's mlflow executable
     * @param port the port to listen on (127.0.0.1)
     * @param pgPort PostgreSQL's port on 127.0.0.1
     * @param artifacts the local folder standing in for the {@code gs://} destination
     * @return the command line to run here
     */
    static List<String> localised(
            List<String> manifest, Path mlflow, int port, int pgPort, Path artifacts) {
        assertThat(manifest.subList(0, 2)).containsExactly("mlflow", "server");
        List<String> out = new ArrayList<>(List.of(mlflow.toString()));
        for (int i = 1; i < manifest.size(); i++) {
            String arg = manifest.get(i);
            out.add(
                    switch (manifest.get(i - 1)) {
                        case "--host" -> "127.0.0.1";
                        case "--port" -> Integer.toString(port);
                        case "--backend-store-uri" -> localDb(arg, pgPort);
                        case "--artifacts-destination" -> {
                            assertThat(arg).startsWith("gs://");
                            yield artifacts.toString();
                        }
                        default -> arg;
                    });
        }
        assertThat(out).contains("--serve-artifacts").noneMatch(a -> a.contains("$("));
        return out;
    }

    private static String localDb(String uri, int pgPort) {
        assertThat(uri).startsWith("postgresql://").contains("$(DB_PASSWORD)", CLUSTER_DB_HOST);
        return uri.replace("$(DB_PASSWORD)", PASSWORD)
                .replace(CLUSTER_DB_HOST, "@127.0.0.1:" + pgPort + "/");
    }

    /** Logs a param, a metric and an artifact through {@code MLFLOW_TRACKING_URI}. */
    private String logRun(String uri) throws IOException {
        TrackingEndpoint endpoint =
                TrackingEndpoint.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", uri)).orElseThrow();
        MlflowTrackerSettings settings =
                MlflowTrackerSettings.defaults(endpoint, tmp.resolve("spool"));
        Path note = Files.writeString(tmp.resolve("note.txt"), "stored via the server\n");
        try (MlflowRunTracker run = MlflowRunTracker.start(settings, "k8s-postgres", "pg-it")) {
            run.logParams(Map.of("loss.name", "el_nivmf"));
            run.logMetric("recall_at_1", 0.25, 3);
            run.logArtifact(note, "notes");
            return run.runId();
        }
    }

    private static void assertRun(JsonNode run) {
        assertThat(run.get("status").asText()).isEqualTo("FINISHED");
        assertThat(run.get("params").get("loss.name").asText()).isEqualTo("el_nivmf");
        JsonNode point = run.get("metrics").get("recall_at_1").get(0);
        assertThat(point.get(0).asLong()).isEqualTo(3);
        assertThat(point.get(1).asDouble()).isEqualTo(0.25);
        byte[] note =
                Base64.getDecoder().decode(run.get("artifacts").get("notes/note.txt").asText());
        assertThat(new String(note, StandardCharsets.UTF_8)).isEqualTo("stored via the server\n");
    }
}
