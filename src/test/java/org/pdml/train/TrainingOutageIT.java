package org.pdml.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.config.ConfigLoader;
import org.pdml.config.ResolvedConfig;
import org.pdml.provenance.Seeds;
import org.pdml.testing.SyntheticExamples;
import org.pdml.tracking.mlflow.MlflowRunTracker;
import org.pdml.tracking.mlflow.MlflowServerExtension;
import org.pdml.tracking.mlflow.TestMlflowServer;

/**
 * A real training run (the small CNN of the smoke config, 3 epochs on real PNG shards with a
 * validation split) loses its MLflow server mid-training: the server process is killed after step
 * {@value #KILL_AFTER_STEP} and restarted on the same port and database only once training is over.
 * Training finishes without waiting for the server (its records sit in the spool), and MLflow's own
 * Python client then reads every per-step loss and learning rate and every per-epoch validation
 * metric exactly once, in step order, with the run FINISHED.
 */
@ExtendWith(MlflowServerExtension.class)
class TrainingOutageIT {

    private static final int KILL_AFTER_STEP = 3;
    private static final int EPOCHS = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** What training handed to the tracker, recorded as it happened. */
    private static final class Recorder implements TrainListener {
        private final TrainListener tracking;
        private final TestMlflowServer server;
        final Map<Long, Double> losses = new TreeMap<>();
        final List<Integer> epochs = new ArrayList<>();

        Recorder(TrainListener tracking, TestMlflowServer server) {
            this.tracking = tracking;
            this.server = server;
        }

        @Override
        public void onStep(long step, double loss, Map<String, Double> learningRates) {
            tracking.onStep(step, loss, learningRates);
            assertThat(losses.put(step, loss)).as("step %d reported twice", step).isNull();
            if (step == KILL_AFTER_STEP) {
                server.kill(); // the crash: records of this step may be in flight
            }
        }

        @Override
        public void onEpoch(int epoch, Map<String, Double> metrics) {
            tracking.onEpoch(epoch, metrics);
            epochs.add(epoch);
        }
    }

    @Test
    void everyStepMetricArrivesOnceInOrderAfterTheServerReturns(
            TestMlflowServer server, @TempDir Path tmp) throws Exception {
        Path examples = tmp.resolve("examples");
        SyntheticExamples.write(examples, 6, 3, 6, 32, 11L);
        ResolvedConfig config =
                ConfigLoader.load(
                        Path.of("configs/smoke/folder-tiny.yaml"),
                        List.of("train.epochs=" + EPOCHS));
        String runId;
        int undeliveredWhenTrainingEnded;
        Recorder recorder;
        try (MlflowRunTracker run =
                MlflowRunTracker.start(
                        server.settings(tmp.resolve("spool")), "it-train-outage", "train")) {
            runId = run.runId();
            recorder = new Recorder(new TrackingTrainListener(run), server);
            TrainStage.run(
                    config,
                    new Seeds(config.config().seed()),
                    examples,
                    tmp.resolve("run"),
                    false,
                    recorder,
                    System.err);
            // Training is over and the server still dead: nothing could have been waited for.
            undeliveredWhenTrainingEnded = run.undeliveredRecords();
            server.restart();
            assertThat(run.awaitDelivered(WAIT)).isTrue();
        }
        long steps = recorder.losses.size();
        assertThat(steps).isGreaterThan(KILL_AFTER_STEP + 3L);
        assertThat(recorder.losses.keySet())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, steps).boxed().toList());
        assertThat(undeliveredWhenTrainingEnded)
                .isGreaterThanOrEqualTo((int) steps - KILL_AFTER_STEP);

        JsonNode read = server.readRuns(runId).get(runId);
        assertThat(read.get("status").asText()).isEqualTo("FINISHED");
        JsonNode metrics = read.get("metrics");
        List<double[]> loss = points(metrics.get("loss"));
        assertThat(loss)
                .extracting(p -> (long) p[0])
                .isEqualTo(List.copyOf(recorder.losses.keySet()));
        for (double[] p : loss) {
            assertThat(p[1]).isEqualTo(recorder.losses.get((long) p[0]));
        }
        assertNonDecreasingTimestamps(loss);
        List<String> lrKeys = new ArrayList<>();
        metrics.fieldNames()
                .forEachRemaining(
                        k -> {
                            if (k.startsWith("lr.")) {
                                lrKeys.add(k);
                            }
                        });
        assertThat(lrKeys).isNotEmpty();
        for (String key : lrKeys) {
            assertThat(points(metrics.get(key)))
                    .extracting(p -> (long) p[0])
                    .isEqualTo(List.copyOf(recorder.losses.keySet()));
        }
        assertThat(recorder.epochs).containsExactly(1, 2, 3);
        assertThat(points(metrics.get("train_loss")))
                .extracting(p -> (long) p[0])
                .containsExactly(1L, 2L, 3L);
        assertThat(points(metrics.get(Validation.RECALL_AT_1)))
                .extracting(p -> (long) p[0])
                .containsExactly(1L, 2L, 3L);
    }

    /** A metric history as {step, value, timestamp}, sorted by step. */
    private static List<double[]> points(JsonNode history) {
        assertThat(history).as("metric history").isNotNull();
        List<double[]> out = new ArrayList<>();
        history.forEach(
                p ->
                        out.add(
                                new double[] {
                                    p.get(0).asLong(), p.get(1).asDouble(), p.get(2).asLong()
                                }));
        out.sort(Comparator.comparingDouble(p -> p[0]));
        return out;
    }

    private static void assertNonDecreasingTimestamps(List<double[]> byStep) {
        for (int i = 1; i < byStep.size(); i++) {
            assertThat(byStep.get(i)[2]).isGreaterThanOrEqualTo(byStep.get(i - 1)[2]);
        }
    }
}
