package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.pipeline.RunInfo;
import org.pdml.testing.SyntheticExamples;
import org.pdml.tracking.mlflow.MlflowServerExtension;
import org.pdml.tracking.mlflow.ModelPromoter;
import org.pdml.tracking.mlflow.TestMlflowServer;

/**
 * {@code pipelines/local/retrain.sh} three times in a row, as cron runs it, with real bash, a real
 * {@code pdml} launcher and a real MLflow server on loopback, on a small image folder: the first
 * run trains, evaluates and promotes (the registry's {@code champion} alias names its run); the
 * second finds nothing changed and skips; after images are added the third trains again, registers
 * a second version, and the alias moves to it exactly when its metric beats the first's, as read
 * back from the registry.
 */
@ExtendWith(MlflowServerExtension.class)
class RetrainScriptIT {
    private static final String CONFIG = "configs/smoke/folder-tiny.yaml";
    private static final String MODEL = "retrain-it";
    private static final String METRIC = "recall_at_1";

    @Test
    void trainsAndPromotesThenSkipsThenRetrainsOnNewImages(
            TestMlflowServer server, @TempDir Path tmp) throws Exception {
        Path images = tmp.resolve("images");
        writeImages(images, 0, 3, new SplittableRandom(1));
        Path work = tmp.resolve("work");
        RetrainScript script =
                new RetrainScript(
                        tmp,
                        Map.of(
                                "PDML_RETRAIN_DIR",
                                work.toString(),
                                "PDML_MODEL_NAME",
                                MODEL,
                                "PDML_METRIC",
                                METRIC,
                                "PDML_KEEP_RUNS",
                                "1",
                                "MLFLOW_TRACKING_URI",
                                server.uri()));
        String[] args = {
            CONFIG, "data.source=" + images, "tracking.mode=on", "tracking.experiment=retrain-it"
        };
        Path info = work.resolve("state/folder-tiny.run-info.json");

        RetrainScript.Result first = script.run(List.of(), args);
        assertThat(first.status()).as(first.out()).isZero();
        assertThat(first.out()).contains("train: running").contains("champion moved to version 1");
        // pdml run trains on the examples the preprocess step recorded; it does not preprocess.
        assertThat(first.out())
                .contains("preprocess: recorded")
                .contains("preprocess: reusing")
                .doesNotContain("preprocess: running");
        RunInfo trained = RunInfo.read(info);
        assertThat(trained.runFolder()).startsWith(work.resolve("runs/folder-tiny"));
        assertChampion(server, "1", trained.mlflowRunId().orElseThrow());

        RetrainScript.Result second = script.run(List.of(), args);
        assertThat(second.status()).as(second.out()).isZero();
        assertThat(second.out()).contains("nothing changed").doesNotContain("champion");
        assertThat(RunInfo.read(info)).isEqualTo(trained);

        writeImages(images, 3, 2, new SplittableRandom(2));
        RetrainScript.Result third = script.run(List.of(), args);
        assertThat(third.status()).as(third.out()).isZero();
        assertThat(third.out())
                .contains("preprocess: recorded")
                .contains("preprocess: reusing")
                .doesNotContain("preprocess: running")
                .contains("train: running");
        RunInfo retrained = RunInfo.read(info);
        String firstId = trained.mlflowRunId().orElseThrow();
        String thirdId = retrained.mlflowRunId().orElseThrow();
        assertThat(thirdId).isNotEqualTo(firstId);
        double before = registeredMetric(server, firstId);
        double after = registeredMetric(server, thirdId);
        assertThat(after)
                .as("run-info and registry agree")
                .isEqualTo(retrained.metrics().get(METRIC));
        if (after > before) {
            assertThat(third.out()).contains("champion moved to version 2");
            assertChampion(server, "2", thirdId);
        } else {
            assertThat(third.out()).contains("registered " + MODEL + " version 2").contains("kept");
            assertChampion(server, "1", firstId);
        }
        assertBounded(work, third.out());
    }

    /** Writes {@code perClass} images of every class, numbered from {@code from}. */
    private static void writeImages(Path root, int from, int perClass, SplittableRandom random)
            throws IOException {
        for (int c = 0; c < 8; c++) {
            Path dir = Files.createDirectories(root.resolve("class" + c));
            for (int i = from; i < from + perClass; i++) {
                ImageIO.write(
                        SyntheticExamples.image(c, 32, random),
                        "png",
                        dir.resolve(i + ".png").toFile());
            }
        }
    }

    /** The final metric as the registry's run holds it (MLflow's own client). */
    private static double registeredMetric(TestMlflowServer server, String runId) {
        JsonNode history = server.readRuns(runId).get(runId).get("metrics").get(METRIC);
        return history.get(history.size() - 1).get(1).asDouble();
    }

    private static void assertChampion(TestMlflowServer server, String version, String runId) {
        JsonNode alias = server.readAlias(MODEL, ModelPromoter.CHAMPION);
        assertThat(alias.get("version").asText()).isEqualTo(version);
        assertThat(alias.get("run_id").asText()).isEqualTo(runId);
    }

    /** One runs root for the config, pruned to the newest run; one examples folder. */
    private static void assertBounded(Path work, String out) throws IOException {
        assertThat(out).contains("newest 1 per experiment").containsPattern("removed [1-9]");
        try (Stream<Path> runs = Files.list(work.resolve("runs"));
                Stream<Path> examples = Files.list(work.resolve("examples/folder-tiny"))) {
            assertThat(runs.toList()).hasSize(1);
            assertThat(examples.toList()).hasSize(1);
        }
    }
}
