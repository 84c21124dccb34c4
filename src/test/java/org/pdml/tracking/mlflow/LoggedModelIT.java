package org.pdml.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.tracking.SecretRedactor;

/**
 * {@link MlflowRunTracker#logModel} against a real MLflow 3.1.1 server, read back with MLflow's
 * Python client: a model logged while the server is away is spooled and arrives, by {@code pdml
 * tracking flush}, as one READY logged model listed as an output of its run and of the root run; a
 * delivery interrupted after the model's creation, then repeated, completes that same model without
 * a second one or a second output.
 */
@ExtendWith(MlflowServerExtension.class)
class LoggedModelIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir Path tmp;

    @Test
    void aModelLoggedWhileTheServerIsAwayArrivesByFlushAsOneReadyModel(TestMlflowServer server)
            throws IOException {
        Path model = modelFolder(tmp.resolve("model"));
        MlflowTrackerSettings settings =
                server.settings(tmp.resolve("spool")).withDrainTimeout(Duration.ofMillis(500));
        String rootId;
        String trainId;
        Path spool;
        try (MlflowRunTracker root = MlflowRunTracker.start(settings, "it-models", "pipeline")) {
            rootId = root.runId();
            spool = root.spoolFile();
            MlflowRunTracker train = root.startChild("train");
            trainId = train.runId();
            assertThat(root.awaitDelivered(WAIT)).isTrue();
            server.kill();
            train.logModel(model, "model"); // returns at once: the run never waits
            train.close();
        }
        assertThat(SpoolJournal.pending(spool))
                .extracting(SpoolRecord::kind)
                .containsExactly(
                        SpoolRecord.Kind.MODEL,
                        SpoolRecord.Kind.TERMINATE,
                        SpoolRecord.Kind.TERMINATE);
        server.restart();
        assertThat(SpoolFlusher.flush(spool, server.settings(tmp.resolve("spool")), WAIT))
                .isEqualTo(3);

        String modelId = assertOneReadyModel(server, trainId, model);
        JsonNode runs = server.readRuns(rootId, trainId);
        for (String id : List.of(rootId, trainId)) {
            assertThat(runs.get(id).get("outputs"))
                    .extracting(JsonNode::asText)
                    .containsExactly(modelId);
            assertThat(runs.get(id).get("status").asText()).isEqualTo("FINISHED");
        }
    }

    @Test
    void aRepeatedDeliveryCompletesThePendingModelOnce(TestMlflowServer server) throws Exception {
        Path model = modelFolder(tmp.resolve("model"));
        TrackingEndpoint endpoint = TrackingEndpoint.of(server.uri(), Map.of());
        String runId;
        String experimentId;
        try (MlflowRunTracker run =
                MlflowRunTracker.start(
                        server.settings(tmp.resolve("spool")), "it-models", "redelivered")) {
            runId = run.runId();
            experimentId = run.experimentId();
        }
        // As if an earlier delivery had died right after creating the model: PENDING, no files.
        String pending =
                new LoggedModels(endpoint)
                        .create(experimentId, runId, "model")
                        .path("model_id")
                        .asText();
        String artifactRoot = experimentId + "/" + runId + "/artifacts"; // the fallback's
        SpoolRecord record =
                new SpoolRecord(
                        7,
                        SpoolRecord.Kind.MODEL,
                        runId,
                        artifactRoot + "/model",
                        new ModelRecord(model, experimentId, java.util.Optional.empty()).toJson(),
                        0,
                        0,
                        0);
        try (var client = endpoint.newClient()) {
            MlflowDelivery delivery =
                    new MlflowDelivery(client, endpoint, SecretRedactor.of(List.of()));
            delivery.deliver(List.of(record));
            delivery.deliver(List.of(record));
        }
        assertThat(assertOneReadyModel(server, runId, model)).isEqualTo(pending);
        assertThat(server.readRuns(runId).get(runId).get("outputs"))
                .extracting(JsonNode::asText)
                .containsExactly(pending);
    }

    /** An MLflow Model folder in miniature: MLmodel, a loader in code/, weights. */
    private static Path modelFolder(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("code"));
        Files.writeString(dir.resolve("MLmodel"), "flavors:\n  python_function: {}\n");
        Files.writeString(dir.resolve("code/loader.py"), "def _load_pyfunc(path):\n    pass\n");
        Files.write(dir.resolve("weights.bin"), new byte[] {0, 1, 2, (byte) 255});
        return dir;
    }

    /** The run is the source of exactly one READY model holding exactly the folder's files. */
    private static String assertOneReadyModel(TestMlflowServer server, String runId, Path dir)
            throws IOException {
        JsonNode models = server.readLoggedModels(runId);
        assertThat(models).hasSize(1);
        JsonNode m = models.get(0);
        assertThat(m.get("status").asText()).isEqualTo("READY");
        assertThat(m.get("name").asText()).isEqualTo("model");
        assertThat(m.get("artifacts").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("MLmodel", "code/loader.py", "weights.bin");
        for (String file : List.of("MLmodel", "code/loader.py", "weights.bin")) {
            assertThat(Base64.getDecoder().decode(m.get("artifacts").get(file).asText()))
                    .isEqualTo(Files.readAllBytes(dir.resolve(file)));
        }
        return m.get("model_id").asText();
    }
}
