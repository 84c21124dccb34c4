package org.pdml.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.tracking.RunTracker;

/**
 * The server dies inside one stage and stays away across the next stage boundary (issue #21 item
 * 5): starting the next stage's child run does not wait for it, nor fail; the child's creation is
 * spooled like any record and sent, before the child's own records, once the server returns,
 * whether that happens while the run is still open or only for {@code pdml tracking flush}.
 */
@ExtendWith(MlflowServerExtension.class)
class StageBoundaryOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ROOT = "pipeline";

    @TempDir Path tmp;

    private boolean serverDown;

    /** A failed test must not leave the next one without a server. */
    @AfterEach
    void restartIfDown(TestMlflowServer server) {
        if (serverDown) {
            restart(server);
        }
    }

    private void kill(TestMlflowServer server) {
        server.kill();
        serverDown = true;
    }

    private void restart(TestMlflowServer server) {
        server.restart();
        serverDown = false;
    }

    @Test
    void aChildStartedWhileTheServerIsDownArrivesWithTheFlush(TestMlflowServer server) {
        MlflowTrackerSettings settings =
                server.settings(tmp).withDrainTimeout(Duration.ofMillis(500));
        String rootId;
        Path spool;
        try (MlflowRunTracker root = MlflowRunTracker.start(settings, "it-boundary", ROOT)) {
            rootId = root.runId();
            spool = root.spoolFile();
            try (RunTracker train = root.startChild("train")) {
                logLoss(train, 0, 5);
                assertThat(root.awaitDelivered(WAIT)).isTrue();
                kill(server); // mid-train
                logLoss(train, 5, 10);
            }
            long before = System.nanoTime();
            try (RunTracker evaluate = root.startChild("evaluate")) {
                assertThat(Duration.ofNanos(System.nanoTime() - before))
                        .as("startChild waits for no server")
                        .isLessThan(Duration.ofSeconds(5));
                evaluate.logParams(Map.of("eval.k", "5"));
                evaluate.logMetric("r_at_1", 0.75, 0);
                evaluate.setTag("pdml.phase", "evaluated-offline");
            }
            root.logMetric("r_at_1", 0.75, 0);
        }
        assertThat(spool).exists();
        restart(server);
        assertThat(SpoolFlusher.flush(spool, server.settings(tmp), WAIT)).isPositive();
        assertThat(spool).doesNotExist();

        JsonNode root = server.readRuns(rootId).get(rootId);
        assertThat(root.get("status").asText()).isEqualTo("FINISHED");
        Map<String, JsonNode> children = childrenByStage(server, root, rootId);
        assertThat(children).containsOnlyKeys("train", "evaluate");
        assertThat(steps(children.get("train").get("metrics").get("loss")))
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        JsonNode evaluate = children.get("evaluate");
        assertThat(evaluate.get("params").get("eval.k").asText()).isEqualTo("5");
        assertThat(evaluate.get("metrics").get("r_at_1").get(0).get(1).asDouble()).isEqualTo(0.75);
        assertThat(evaluate.get("tags").get("pdml.phase").asText()).isEqualTo("evaluated-offline");
    }

    @Test
    void aChildStartedWhileTheServerIsDownIsCreatedWhenItReturnsDuringTheRun(
            TestMlflowServer server) {
        MlflowTrackerSettings settings = server.settings(tmp);
        String rootId;
        String evaluateId;
        try (MlflowRunTracker root = MlflowRunTracker.start(settings, "it-boundary", ROOT)) {
            rootId = root.runId();
            kill(server);
            try (RunTracker evaluate = root.startChild("evaluate")) {
                evaluate.logMetric("r_at_1", 0.5, 0);
                restart(server);
                assertThat(root.awaitDelivered(WAIT)).isTrue();
                evaluateId = evaluate.runId();
            }
            assertThat(root.awaitDelivered(WAIT)).isTrue();
        }
        JsonNode root = server.readRuns(rootId).get(rootId);
        assertThat(root.get("children")).hasSize(1);
        assertThat(root.get("children").get(0).asText()).isEqualTo(evaluateId);
        JsonNode evaluate = childrenByStage(server, root, rootId).get("evaluate");
        assertThat(evaluate.get("metrics").get("r_at_1").get(0).get(1).asDouble()).isEqualTo(0.5);
    }

    private static void logLoss(RunTracker run, int from, int to) {
        for (int step = from; step < to; step++) {
            run.logMetric("loss", 0.5 * step, step);
        }
    }

    /** The root's children by stage, each checked to be FINISHED and named and tagged as today. */
    private static Map<String, JsonNode> childrenByStage(
            TestMlflowServer server, JsonNode root, String rootId) {
        List<String> ids = new ArrayList<>();
        root.get("children").forEach(c -> ids.add(c.asText()));
        JsonNode read = server.readRuns(ids.toArray(String[]::new));
        Map<String, JsonNode> byStage = new java.util.TreeMap<>();
        for (String id : ids) {
            JsonNode child = read.get(id);
            JsonNode tags = child.get("tags");
            String stage = tags.get(RunTracker.STAGE_TAG).asText();
            assertThat(tags.get(RunTracker.PARENT_RUN_TAG).asText()).isEqualTo(rootId);
            assertThat(tags.get(RunTracker.RUN_NAME_TAG).asText())
                    .isEqualTo(RunTracker.childName(stage, ROOT));
            assertThat(child.get("status").asText()).as(stage).isEqualTo("FINISHED");
            assertThat(byStage.put(stage, child)).as("one child per stage").isNull();
        }
        return byStage;
    }

    private static List<Long> steps(JsonNode history) {
        List<Long> out = new ArrayList<>();
        history.forEach(p -> out.add(p.get(0).asLong()));
        out.sort(null);
        return out;
    }
}
