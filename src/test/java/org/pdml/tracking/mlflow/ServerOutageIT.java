package org.pdml.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server dies mid-run (its process tree is killed) and comes back on the same port and
 * database: every metric arrives, in order, exactly once; what a run could not deliver before it
 * closed is sent later by {@link SpoolFlusher}.
 */
@ExtendWith(MlflowServerExtension.class)
class ServerOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir Path tmp;

    @Test
    void everyMetricArrivesOnceInOrderAfterAServerRestart(TestMlflowServer server) {
        String runId;
        long failedAttempts;
        try (MlflowRunTracker run =
                MlflowRunTracker.start(server.settings(tmp), "it-outage", "train")) {
            runId = run.runId();
            logLoss(run, 0, 50);
            assertThat(run.awaitDelivered(WAIT)).isTrue();
            server.kill();
            logLoss(run, 50, 70); // returns at once: training never waits for the server
            assertThat(run.undeliveredRecords()).isEqualTo(20);
            server.restart();
            logLoss(run, 70, 100);
            assertThat(run.awaitDelivered(WAIT)).isTrue();
            failedAttempts = run.failedDeliveryAttempts();
        }
        assertThat(failedAttempts).isPositive();
        JsonNode loss = server.readRuns(runId).get(runId).get("metrics").get("loss");
        assertExactlyOnceInOrder(loss, 100);
    }

    @Test
    void aSpoolLeftAtCloseIsFlushedLaterExactlyOnce(TestMlflowServer server) {
        MlflowTrackerSettings settings =
                server.settings(tmp).withDrainTimeout(Duration.ofMillis(500));
        String runId;
        Path spool;
        try (MlflowRunTracker run = MlflowRunTracker.start(settings, "it-outage", "spooled")) {
            runId = run.runId();
            spool = run.spoolFile();
            logLoss(run, 0, 10);
            assertThat(run.awaitDelivered(WAIT)).isTrue();
            server.kill();
            logLoss(run, 10, 30);
            run.setTag("pdml.phase", "after-outage");
        }
        // 20 metrics, the tag and the run's end are still in the spool.
        assertThat(SpoolJournal.pending(spool)).hasSize(22);
        server.restart();
        assertThat(SpoolFlusher.flush(spool, server.settings(tmp), WAIT)).isEqualTo(22);
        assertThat(spool).doesNotExist();
        JsonNode run = server.readRuns(runId).get(runId);
        assertExactlyOnceInOrder(run.get("metrics").get("loss"), 30);
        assertThat(run.get("tags").get("pdml.phase").asText()).isEqualTo("after-outage");
        assertThat(run.get("status").asText()).isEqualTo("FINISHED");
    }

    private static void logLoss(MlflowRunTracker run, int from, int to) {
        for (int step = from; step < to; step++) {
            run.logMetric("loss", 0.5 * step, step);
        }
    }

    /** Steps 0..n-1 each exactly once, with the logged value, timestamps in logging order. */
    private static void assertExactlyOnceInOrder(JsonNode history, int n) {
        List<Long> steps = new ArrayList<>();
        long lastTs = Long.MIN_VALUE;
        List<JsonNode> points = new ArrayList<>();
        history.forEach(points::add);
        points.sort(java.util.Comparator.comparingLong(p -> p.get(0).asLong()));
        for (JsonNode p : points) {
            steps.add(p.get(0).asLong());
            assertThat(p.get(1).asDouble()).isEqualTo(0.5 * p.get(0).asLong());
            assertThat(p.get(2).asLong()).isGreaterThanOrEqualTo(lastTs);
            lastTs = p.get(2).asLong();
        }
        assertThat(steps).isEqualTo(LongStream.range(0, n).boxed().toList());
    }
}
