package org.pdml.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM that auto-started pdml's local MLflow server, as {@code pdml run} does without a
 * tracking URI, is stopped with SIGTERM: no process it started survives (the server and its
 * gunicorn workers were once adopted by PID 1), and its run still ended KILLED on that server
 * before it stopped.
 */
class LocalServerShutdownIT {

    @TempDir Path tmp;

    @Test
    void sigtermStopsTheAutoStartedServerAfterTheRunIsMarkedKilled() throws Exception {
        Process child = start();
        String runId =
                TrackedChildMain.awaitRunId(
                        child, tmp.resolve("stderr.txt"), Duration.ofSeconds(180));
        List<ProcessHandle> started = child.descendants().toList();
        assertThat(started).as("the child's server processes").isNotEmpty();
        child.destroy(); // SIGTERM
        assertThat(child.waitFor(90, TimeUnit.SECONDS)).isTrue();
        for (ProcessHandle h : started) {
            h.onExit().get(15, TimeUnit.SECONDS);
            assertThat(h.isAlive()).as("pid %d (%s)", h.pid(), h.info().command()).isFalse();
        }
        try (TestMlflowServer again = new TestMlflowServer(venv(), tmp.resolve("mlruns"))) {
            JsonNode run = again.readRuns(runId).get(runId);
            assertThat(run.get("status").asText()).isEqualTo("KILLED");
        }
    }

    private static Path venv() {
        return Path.of(System.getProperty("pdml.venv"));
    }

    private Process start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb =
                new ProcessBuilder(
                        java,
                        "-Dpdml.venv=" + venv(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        TrackedChildMain.class.getName(),
                        "local",
                        tmp.resolve("spool").toString(),
                        tmp.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("MLFLOW_"));
        pb.redirectError(tmp.resolve("stderr.txt").toFile());
        return pb.start();
    }
}
