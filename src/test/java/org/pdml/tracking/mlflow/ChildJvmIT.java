package org.pdml.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.tracking.RunTracker;

/**
 * Runs {@link TrackedChildMain} in a separate JVM configured through MLflow's environment
 * variables: SIGTERM ends its run KILLED, and the credentials it was given never appear in what
 * reaches the server or in its output.
 */
@ExtendWith(MlflowServerExtension.class)
class ChildJvmIT {

    private static final String TOKEN = "tok-S3cr3t-4242";
    private static final String PASSWORD = "pw-S3cr3t-9999";

    @TempDir Path tmp;

    @Test
    void sigtermEndsTheRunKilled(TestMlflowServer server) throws Exception {
        Process child = start(server, "loop");
        String runId = awaitRunId(child);
        child.destroy(); // SIGTERM
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        JsonNode run = server.readRuns(runId).get(runId);
        assertThat(run.get("status").asText()).isEqualTo("KILLED");
        assertThat(run.get("metrics").get("tick")).hasSize(1);
    }

    @Test
    void secretsFromTheEnvironmentNeverLeak(TestMlflowServer server) throws Exception {
        Process child = start(server, "leak");
        String runId = awaitRunId(child);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        JsonNode run = server.readRuns(runId).get(runId);
        String everything = run.toString() + decodedArtifacts(run) + output();
        for (String secret : List.of(TOKEN, PASSWORD, "alice:")) {
            assertThat(everything).doesNotContain(secret);
        }
        // The values were logged, masked: the test would see them if redaction failed.
        assertThat(run.get("params").get("db.password").asText()).isEqualTo("***");
        assertThat(run.get("params").get("db.url").asText())
                .isEqualTo("http://***@127.0.0.1:" + server.port());
        assertThat(run.get("params").get("note").asText()).isEqualTo("token is ***");
        assertThat(run.get("tags").get("auth").asText()).isEqualTo("Bearer ***");
        assertThat(run.get("tags").get(RunTracker.ERROR_TAG).asText())
                .isEqualTo("IllegalStateException: login with *** failed");
        assertThat(decodedArtifacts(run)).contains("token: ***").contains("password: ***");
        assertThat(run.get("status").asText()).isEqualTo("FAILED");
        assertThat(output()).contains("is unreachable");
    }

    private Process start(TestMlflowServer server, String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb =
                new ProcessBuilder(
                        java,
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                        "-cp",
                        System.getProperty("java.class.path"),
                        TrackedChildMain.class.getName(),
                        mode,
                        tmp.resolve("spool").toString(),
                        tmp.toString());
        Map<String, String> env = pb.environment();
        String withUser = server.uri().replace("://", "://alice:" + PASSWORD + "@");
        env.put("MLFLOW_TRACKING_URI", server.uri());
        env.put("MLFLOW_TRACKING_TOKEN", TOKEN);
        env.put("MLFLOW_TRACKING_USERNAME", "alice");
        env.put("MLFLOW_TRACKING_PASSWORD", PASSWORD);
        env.put("PDML_TEST_URI_WITH_USER", withUser);
        pb.redirectError(tmp.resolve("stderr.txt").toFile());
        return pb.start();
    }

    private String awaitRunId(Process child) throws Exception {
        return TrackedChildMain.awaitRunId(
                child, tmp.resolve("stderr.txt"), Duration.ofSeconds(120));
    }

    private String output() throws IOException {
        return Files.readString(tmp.resolve("stderr.txt"));
    }

    private static String decodedArtifacts(JsonNode run) {
        StringBuilder sb = new StringBuilder();
        run.get("artifacts")
                .forEach(
                        a ->
                                sb.append(
                                        new String(
                                                Base64.getDecoder().decode(a.asText()),
                                                StandardCharsets.UTF_8)));
        return sb.toString();
    }
}
