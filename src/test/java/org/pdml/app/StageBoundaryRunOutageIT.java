package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.testing.SyntheticExamples;
import org.pdml.tracking.mlflow.MlflowServerExtension;
import org.pdml.tracking.mlflow.SpoolFlusher;
import org.pdml.tracking.mlflow.TestMlflowServer;

/**
 * {@code pdml run} loses its MLflow server as the train stage starts, and the server stays away
 * through evaluation (issue #21 item 5): the run still exits 0, its spool keeps the records and the
 * creation of the {@code evaluate} child, and after the server returns the flush delivers every
 * stage run, with its name, parent, metrics, artifacts and FINISHED status.
 */
@ExtendWith(MlflowServerExtension.class)
class StageBoundaryRunOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aRunWhoseServerDiesMidTrainExitsZeroAndArrivesWithTheFlush(
            TestMlflowServer server, @TempDir Path tmp) throws Exception {
        SyntheticExamples.writeFolder(tmp.resolve("images"), 8, 6, 3);
        AtomicBoolean killed = new AtomicBoolean();
        Thread killer = killWhenTrainStarts(server, tmp.resolve("runs/stages/train"), killed);
        int status;
        StringWriter err = new StringWriter();
        try {
            status = run(server, tmp, err);
        } finally {
            killer.interrupt();
            killer.join();
            if (killed.get()) {
                server.restart();
            }
        }
        assertThat(status).as(err.toString()).isZero();
        assertThat(killed).as("the server died during the run").isTrue();
        Path runFolder = onlyChild(tmp.resolve("runs/smoke"));
        Path spool = onlyChild(runFolder.resolve("tracking-spool"));
        assertThat(Files.readString(spool)).as("evaluate was spooled").contains("\"CHILD\"");
        assertThat(SpoolFlusher.flush(spool, server.settings(tmp), WAIT)).isPositive();

        String parentId = Files.readString(runFolder.resolve("mlflow-run-id")).strip();
        JsonNode parent = server.readRuns(parentId).get(parentId);
        assertThat(parent.get("status").asText()).isEqualTo("FINISHED");
        assertThat(parent.get("metrics").has("recall_at_1")).isTrue();
        String parentName = parent.get("tags").get("mlflow.runName").asText();
        List<String> ids = new ArrayList<>();
        parent.get("children").forEach(id -> ids.add(id.asText()));
        List<String> stages = new ArrayList<>();
        server.readRuns(ids.toArray(String[]::new))
                .forEach(
                        child -> {
                            JsonNode tags = child.get("tags");
                            String stage = tags.get("pdml.stage").asText();
                            stages.add(stage);
                            assertThat(tags.get("mlflow.parentRunId").asText()).isEqualTo(parentId);
                            assertThat(tags.get("mlflow.runName").asText())
                                    .isEqualTo(stage + " @ " + parentName);
                            assertThat(child.get("status").asText())
                                    .as(stage)
                                    .isEqualTo("FINISHED");
                            if (stage.equals("evaluate")) {
                                assertThat(child.get("metrics").has("recall_at_1")).isTrue();
                                assertThat(child.get("artifacts").has("report.json")).isTrue();
                            }
                        });
        assertThat(stages).containsExactlyInAnyOrder("preprocess", "train", "evaluate");
    }

    private static int run(TestMlflowServer server, Path tmp, StringWriter err) {
        Cli.Result r =
                Cli.runTiny(
                        tmp,
                        "tracking.mode=on",
                        "tracking.uri=" + server.uri(),
                        "tracking.experiment=stage-boundary-outage-it");
        err.write(r.err());
        return r.status();
    }

    /** Kills the server as soon as the train stage takes its lock (its child run exists then). */
    private static Thread killWhenTrainStarts(
            TestMlflowServer server, Path trainStore, AtomicBoolean killed) {
        Thread t =
                new Thread(
                        () -> {
                            try {
                                while (!hasLock(trainStore)) {
                                    Thread.sleep(20);
                                }
                                server.kill();
                                killed.set(true);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "kill-at-train");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static boolean hasLock(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".lock"));
        } catch (IOException e) {
            return false;
        }
    }

    private static Path onlyChild(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(all).as(dir.toString()).hasSize(1);
            return all.get(0);
        }
    }
}
