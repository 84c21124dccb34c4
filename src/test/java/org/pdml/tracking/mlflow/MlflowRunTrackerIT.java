package org.pdml.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;
import org.pdml.tracking.ConfigFlattener;
import org.pdml.tracking.RunTracker;

/**
 * Logs a small fake pipeline (a parent run and two stage runs) to a real MLflow server and reads
 * everything back with MLflow's own Python client.
 */
@ExtendWith(MlflowServerExtension.class)
class MlflowRunTrackerIT {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir Path tmp;

    /** The run ids of the fake pipeline. */
    private record Pipeline(String root, String pre, String train) {}

    @Test
    void pipelineIsReadBackByMlflowsOwnClient(TestMlflowServer server) throws IOException {
        Path configFile = Files.writeString(tmp.resolve("config.yaml"), "train:\n  lr: 0.001\n");
        byte[] manifestBytes = new byte[256];
        for (int i = 0; i < manifestBytes.length; i++) {
            manifestBytes[i] = (byte) i;
        }
        Path manifest = Files.write(tmp.resolve("manifest.pb"), manifestBytes);
        MlflowTrackerSettings settings =
                server.settings(tmp.resolve("spool")).withClock(new SteppingClock(T0));
        Pipeline ids = runPipeline(settings, configFile, manifest);
        assertThat(tmp.resolve("spool")).isEmptyDirectory(); // all delivered, spool removed

        JsonNode runs = server.readRuns(ids.root(), ids.pre(), ids.train());
        JsonNode root = runs.get(ids.root());
        JsonNode pre = runs.get(ids.pre());
        JsonNode train = runs.get(ids.train());
        assertRoot(root, Files.readAllBytes(configFile));
        assertThat(list(root.get("children"))).containsExactlyInAnyOrder(ids.pre(), ids.train());
        for (JsonNode child : List.of(pre, train)) {
            assertThat(child.get("tags").get(RunTracker.PARENT_RUN_TAG).asText())
                    .isEqualTo(ids.root());
        }
        assertThat(pre.get("status").asText()).isEqualTo("FINISHED");
        assertThat(artifact(pre, "manifests/train/manifest.pb")).isEqualTo(manifestBytes);
        assertThat(pre.get("metrics").get("records").get(0).get(1).asDouble()).isEqualTo(200);
        assertTrain(train);
    }

    private static Pipeline runPipeline(
            MlflowTrackerSettings settings, Path configFile, Path manifest) {
        try (MlflowRunTracker root = MlflowRunTracker.start(settings, "it-pipeline", "pipeline")) {
            root.logConfig(config());
            root.setTags(Map.of("pdml.config.hash", "c0ffee", "pdml.seed", "7"));
            root.logArtifact(configFile, "");
            String preId;
            try (RunTracker pre = root.startChild("preprocess")) {
                preId = pre.runId();
                pre.logMetric("records", 200, 0);
                pre.logArtifact(manifest, "manifests/train");
            }
            try (RunTracker train = root.startChild("train")) {
                for (int step = 0; step < 1500; step++) {
                    train.logMetric("loss", 1.0 / (step + 1), step);
                }
                train.logMetrics(Map.of("val.r_at_1", 0.25, "val.map_at_r", 0.125), 1);
                train.markFailed(new IllegalStateException("NaN loss at step 1500"));
                return new Pipeline(root.runId(), preId, train.runId());
            }
        }
    }

    private static void assertRoot(JsonNode root, byte[] configBytes) {
        ConfigFlattener.Flattened flat = ConfigFlattener.flatten(config());
        assertThat(strings(root.get("params"))).isEqualTo(flat.params());
        assertThat(flat.params()).hasSizeGreaterThan(100); // spans several log-batch calls
        JsonNode tags = root.get("tags");
        assertThat(tags.get(ConfigFlattener.TRUNCATED_TAG).asText()).isEqualTo("notes");
        assertThat(tags.get("pdml.config.hash").asText()).isEqualTo("c0ffee");
        assertThat(tags.get("mlflow.source.name").asText()).isEqualTo("pdml");
        assertThat(tags.get("mlflow.runName").asText()).isEqualTo("pipeline");
        assertThat(artifact(root, "config.yaml")).isEqualTo(configBytes);
        assertThat(root.get("status").asText()).isEqualTo("FINISHED");
    }

    private static void assertTrain(JsonNode train) {
        assertThat(train.get("status").asText()).isEqualTo("FAILED");
        assertThat(train.get("tags").get(RunTracker.ERROR_TAG).asText())
                .isEqualTo("IllegalStateException: NaN loss at step 1500");
        JsonNode loss = train.get("metrics").get("loss");
        assertThat(loss).hasSize(1500);
        List<Long> steps = new ArrayList<>();
        long lastTs = T0 - 1;
        for (JsonNode point : sortedByStep(loss)) {
            long step = point.get(0).asLong();
            steps.add(step);
            assertThat(point.get(1).asDouble()).isEqualTo(1.0 / (step + 1));
            // The injected clock, not the wall clock, stamps each point, in logging order.
            assertThat(point.get(2).asLong()).isGreaterThan(lastTs).isLessThan(T0 + 10_000);
            lastTs = point.get(2).asLong();
        }
        assertThat(steps).isEqualTo(java.util.stream.LongStream.range(0, 1500).boxed().toList());
        assertThat(train.get("metrics").get("val.r_at_1").get(0).get(0).asLong()).isEqualTo(1);
        assertThat(train.get("metrics").get("val.map_at_r").get(0).get(1).asDouble())
                .isEqualTo(0.125);
    }

    @Test
    void aNewExperimentIsCreatedQuietlyAndADeletedOneIsRefused(TestMlflowServer server) {
        MlflowTrackerSettings settings = server.settings(tmp.resolve("spool"));
        String first;
        String experiment;
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (MlflowRunTracker run = MlflowRunTracker.start(settings, "it-new-exp", "first")) {
            first = run.runId();
            experiment = run.experimentId();
        } finally {
            System.setErr(stderr);
        }
        // The Java client would log "Request returned with status code 404 (Rate limit exceeded)"
        // three times for the lookup of the experiment that does not exist yet.
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
        assertThat(server.readRuns(first).get(first).get("experiment_id").asText())
                .isEqualTo(experiment);
        try (MlflowRunTracker again = MlflowRunTracker.start(settings, "it-new-exp", "second")) {
            assertThat(again.experimentId()).isEqualTo(experiment);
        }
        try (MlflowClient client = TrackingEndpoint.of(server.uri(), Map.of()).newClient()) {
            client.deleteExperiment(experiment);
        }
        assertThatThrownBy(() -> MlflowRunTracker.start(settings, "it-new-exp", "third"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'it-new-exp'")
                .hasMessageContaining("is deleted");
    }

    private static Map<String, Object> config() {
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("name", "adamw");
        optimizer.put("lr", 1e-4);
        Map<String, Object> train = new LinkedHashMap<>();
        train.put("epochs", 2);
        train.put("optimizer", optimizer);
        List<Integer> grid = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            grid.add(i * i);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("train", train);
        config.put("grid", grid);
        config.put("notes", "x".repeat(7000));
        return config;
    }

    private static List<JsonNode> sortedByStep(JsonNode history) {
        List<JsonNode> points = new ArrayList<>();
        history.forEach(points::add);
        points.sort(java.util.Comparator.comparingLong(p -> p.get(0).asLong()));
        return points;
    }

    private static byte[] artifact(JsonNode run, String path) {
        JsonNode b64 = run.get("artifacts").get(path);
        assertThat(b64).as("artifact %s in %s", path, run.get("artifacts")).isNotNull();
        return Base64.getDecoder().decode(b64.asText());
    }

    static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new HashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
