package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.testing.SyntheticExamples;
import org.pdml.tracking.mlflow.MlflowServerExtension;
import org.pdml.tracking.mlflow.TestMlflowServer;

/**
 * {@code pdml run} tracked in a real MLflow server, read back with MLflow's own Python client: a
 * parent run with the flattened config and provenance tags, and one FINISHED child per stage with
 * the step losses, per-epoch validation, final metrics and artifacts.
 */
@ExtendWith(MlflowServerExtension.class)
class RunTrackingIT {

    @Test
    void aRunLogsParentAndStageRunsToMlflow(TestMlflowServer server, @TempDir Path tmp)
            throws IOException {
        SyntheticExamples.writeFolder(tmp.resolve("images"), 8, 6, 3);
        Cli.Result r =
                Cli.runTiny(
                        tmp,
                        "tracking.mode=on",
                        "tracking.uri=" + server.uri(),
                        "tracking.experiment=run-tracking-it");
        assertThat(r.status()).as(r.err()).isZero();
        String runName;
        try (var runs = Files.list(tmp.resolve("runs/smoke"))) {
            runName = runs.findFirst().orElseThrow().getFileName().toString();
        }
        // pdml promote (pipelines/) reads the parent's id from the run folder.
        String parentId =
                Files.readString(
                                tmp.resolve("runs/smoke").resolve(runName).resolve("mlflow-run-id"))
                        .strip();
        JsonNode parent = server.readRuns(parentId).get(parentId);
        assertThat(parent.get("experiment_id").asText())
                .isEqualTo(server.experimentId("run-tracking-it"));
        assertThat(parent.get("tags").get("pdml.run_folder").asText()).isEqualTo(runName);
        String parentName = parent.get("tags").get("mlflow.runName").asText();
        assertThat(parent.get("status").asText()).isEqualTo("FINISHED");
        assertThat(parent.get("params").get("train.epochs").asText()).isEqualTo("1");
        assertThat(parent.get("tags").get("pdml.config_hash").asText()).hasSize(64);
        assertThat(parent.get("artifacts").has("config.yaml")).isTrue();
        assertThat(parent.get("artifacts").has("model/embedder.pt")).isTrue();
        assertThat(parent.get("artifacts").has("model/code/pdml_pyfunc.py")).isTrue();
        assertThat(parent.get("metrics").has("recall_at_1")).isTrue();
        List<String> childIds = new ArrayList<>();
        parent.get("children").forEach(id -> childIds.add(id.asText()));
        JsonNode children = server.readRuns(childIds.toArray(String[]::new));
        List<String> names = new ArrayList<>();
        assertThat(r.out()).contains("mlflow run: " + parentId + " (" + parentName + ")");
        children.forEach(
                child -> {
                    assertThat(child.get("tags").get("mlflow.parentRunId").asText())
                            .isEqualTo(parentId);
                    assertThat(child.get("status").asText()).isEqualTo("FINISHED");
                    String stage = child.get("tags").get("pdml.stage").asText();
                    assertThat(child.get("tags").get("mlflow.runName").asText())
                            .isEqualTo(stage + " @ " + parentName);
                    names.add(stage);
                });
        assertThat(names).containsExactlyInAnyOrder("preprocess", "train", "evaluate");
        for (String childId : childIds) {
            JsonNode child = children.get(childId);
            String name = child.get("tags").get("pdml.stage").asText();
            if (name.equals("train")) {
                assertThat(child.get("metrics").get("loss").size()).isPositive();
                assertRunsTableShowsDatasetAndModel(server, childId, child, parent);
            } else if (name.equals("evaluate")) {
                double r1 = child.get("metrics").get("recall_at_1").get(0).get(1).asDouble();
                assertThat(r1).isBetween(0.0, 1.0);
                assertThat(child.get("artifacts").has("report.json")).isTrue();
            }
        }
    }

    /**
     * The "Done when": in the runs table of MLflow 3.1 a pdml run shows a Dataset and a
     * Model. The train run is the source run of one READY logged model holding the MLflow Model
     * folder, listed as an output of the train run and of the parent; both runs list the examples
     * as a dataset input.
     */
    private static void assertRunsTableShowsDatasetAndModel(
            TestMlflowServer server, String trainId, JsonNode train, JsonNode parent) {
        JsonNode models = server.readLoggedModels(trainId);
        assertThat(models).hasSize(1);
        JsonNode model = models.get(0);
        assertThat(model.get("name").asText()).isEqualTo("model");
        assertThat(model.get("status").asText()).isEqualTo("READY");
        assertThat(model.get("artifacts").fieldNames())
                .toIterable()
                .contains("MLmodel", "code/pdml_pyfunc.py", "model_card.json", "embedder.pt");
        String modelId = model.get("model_id").asText();
        assertThat(train.get("outputs")).extracting(JsonNode::asText).containsExactly(modelId);
        assertThat(parent.get("outputs")).extracting(JsonNode::asText).containsExactly(modelId);
        for (JsonNode run : List.of(train, parent)) {
            assertThat(run.get("inputs")).hasSize(1);
            assertThat(run.get("inputs").get(0).get("tags").get("mlflow.data.context").asText())
                    .isEqualTo("training");
        }
    }
}
