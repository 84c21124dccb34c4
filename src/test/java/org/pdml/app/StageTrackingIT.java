package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.config.ConfigLoader;
import org.pdml.testing.SyntheticExamples;
import org.pdml.tracking.RunTracker;
import org.pdml.tracking.mlflow.MlflowServerExtension;
import org.pdml.tracking.mlflow.TestMlflowServer;

/**
 * {@code pdml preprocess}, {@code train} and {@code evaluate} run on their own, each tracked as one
 * run of the experiment given by {@code --experiment}, read back with MLflow's own Python client:
 * params, provenance tags, metrics, artifacts (bytes compared with the files on disk) and status.
 */
@ExtendWith(MlflowServerExtension.class)
class StageTrackingIT {

    private static final String CONFIG = "configs/smoke/folder-tiny.yaml";
    private static final int CLASSES = 8;
    private static final int PER_CLASS = 6;

    @TempDir Path tmp;

    @Test
    void eachStageCommandLogsOneRun(TestMlflowServer server) throws Exception {
        writeImages(tmp.resolve("images"));
        Path shards = tmp.resolve("shards");
        String[] tracking = {"--tracking-uri", server.uri(), "--experiment", "stages-it"};
        execute(
                tracking,
                "preprocess",
                "--dataset=folder",
                "--source=" + tmp.resolve("images"),
                "--output=" + shards,
                "--image-size=32",
                "--encoding=png",
                "--num-shards=1");
        execute(
                tracking,
                "train",
                "--config=" + CONFIG,
                "--examples=" + shards,
                "--out=" + tmp.resolve("run"),
                "--tracking=on");
        execute(
                tracking,
                "evaluate",
                "--model=" + tmp.resolve("run/model"),
                "--data=" + shards,
                "--out=" + tmp.resolve("eval"),
                "--tracking=on");
        String manifestSha = sha256(shards.resolve("manifest.json"));
        String train = stageRunName("train");
        String evaluate = stageRunName("evaluate");
        JsonNode runs = server.searchRunsByName("stages-it", "preprocess", train, evaluate);
        assertPreprocess(runs.get("preprocess"), shards, manifestSha);
        assertTrain(server, runs.get(train), manifestSha);
        assertEvaluate(runs.get(evaluate));
    }

    @Test
    void aFailingStageEndsItsRunFailedWithTheError(TestMlflowServer server) throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("no-shards"));
        StringWriter err = new StringWriter();
        int status =
                Cli.execute(
                        err,
                        "train",
                        "--config=" + CONFIG,
                        "--examples=" + empty,
                        "--out=" + tmp.resolve("failed"),
                        "--tracking=on",
                        "--tracking-uri=" + server.uri(),
                        "--experiment=stages-failed-it");
        assertThat(status).isEqualTo(Main.FAILED);
        JsonNode run = server.searchRunByName("stages-failed-it", stageRunName("train"));
        assertThat(run.get("status").asText()).isEqualTo("FAILED");
        String error = run.get("tags").get(RunTracker.ERROR_TAG).asText();
        assertThat(error).isNotBlank();
        assertThat(err.toString()).contains(error.substring(error.indexOf(':') + 2));
        assertThat(run.get("params").get("train.epochs").asText()).isEqualTo("1");
    }

    /**
     * A config-driven stage command's run name: the stage, then the name {@code pdml run} gives the
     * config's parent run.
     */
    private static String stageRunName(String stage) {
        return stage + " @ " + RunNames.of(ConfigLoader.load(Path.of(CONFIG), List.of()));
    }

    private static void assertPreprocess(JsonNode run, Path shards, String manifestSha)
            throws IOException {
        assertFinishedStage(run, "preprocess");
        assertThat(run.get("params").get("data.dataset").asText()).isEqualTo("folder");
        assertThat(run.get("params").get("data.image_size").asText()).isEqualTo("32");
        assertThat(run.get("tags").get("pdml.manifest.examples").asText()).isEqualTo(manifestSha);
        assertThat(artifact(run, "manifest.json"))
                .isEqualTo(Files.readAllBytes(shards.resolve("manifest.json")));
        // The folder reader splits the classes half/half: every image lands in train or test.
        JsonNode m = run.get("metrics");
        assertThat(value(m, "records.train") + value(m, "records.test"))
                .isEqualTo(CLASSES * PER_CLASS);
        assertThat(value(m, "classes.train") + value(m, "classes.test")).isEqualTo(CLASSES);
        assertThat(value(m, "rejected")).isZero();
    }

    private void assertTrain(TestMlflowServer server, JsonNode run, String manifestSha)
            throws IOException {
        assertFinishedStage(run, "train");
        String hash =
                ConfigLoader.load(Path.of(CONFIG), List.of()).hash(); // the same resolved config
        assertThat(run.get("tags").get("pdml.config_hash").asText()).isEqualTo(hash);
        assertThat(run.get("tags").get("pdml.manifest.examples").asText()).isEqualTo(manifestSha);
        assertThat(run.get("params").get("model.backbone").asText()).isEqualTo("small-cnn");
        JsonNode loss = run.get("metrics").get("loss");
        List<Long> steps = new ArrayList<>();
        loss.forEach(p -> steps.add(p.get(0).asLong()));
        assertThat(steps).isNotEmpty().isSorted().doesNotHaveDuplicates().startsWith(1L);
        assertThat(steps.get(steps.size() - 1)).isEqualTo((long) steps.size());
        assertThat(run.get("metrics").get("train_loss")).hasSize(1);
        // MLflow's System metrics tab: one point per epoch (1 epoch here), at step 1
        for (String key :
                List.of(
                        "system/cpu_utilization_percentage",
                        "system/process_cpu_utilization_percentage",
                        "system/system_memory_usage_megabytes")) {
            assertThat(run.get("metrics").get(key)).as(key).hasSize(1);
            assertThat(run.get("metrics").get(key).get(0).get(0).asLong()).isEqualTo(1L);
        }
        // The model is the run's MLflow 3 logged model (the runs table's Models column).
        Path model = tmp.resolve("run/model");
        JsonNode logged = server.readLoggedModels(run.get("run_id").asText());
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).get("status").asText()).isEqualTo("READY");
        assertThat(run.get("outputs"))
                .extracting(JsonNode::asText)
                .containsExactly(logged.get(0).get("model_id").asText());
        for (String file :
                List.of("embedder.pt", "model_card.json", "MLmodel", "code/pdml_pyfunc.py")) {
            assertThat(artifact(logged.get(0), file))
                    .isEqualTo(Files.readAllBytes(model.resolve(file)));
        }
        assertThat(artifact(run, "config.yaml"))
                .isEqualTo(Files.readAllBytes(tmp.resolve("run/config.yaml")));
        assertThat(artifact(run, "provenance.json")).isNotEmpty();
        assertThat(run.get("artifacts").fieldNames())
                .toIterable()
                .anyMatch(name -> name.startsWith("checkpoint/"));
    }

    private void assertEvaluate(JsonNode run) throws IOException {
        assertFinishedStage(run, "evaluate");
        assertThat(run.get("params").get("input.split").asText()).isEqualTo("test");
        byte[] reportBytes = Files.readAllBytes(tmp.resolve("eval/report.json"));
        assertThat(artifact(run, "report.json")).isEqualTo(reportBytes);
        JsonNode report = new ObjectMapper().readTree(reportBytes).get("metrics");
        assertThat(report.size()).isPositive();
        report.fieldNames()
                .forEachRemaining(
                        name -> {
                            JsonNode h = run.get("metrics").get(name.replace("@", "_at_"));
                            assertThat(h).as("metric %s", name).hasSize(1);
                            // boxed: an undefined metric is NaN on both sides
                            assertThat(h.get(0).get(1).asDouble())
                                    .isEqualTo(Double.valueOf(report.get(name).asDouble()));
                        });
        assertThat(run.get("artifacts").fieldNames())
                .toIterable()
                .anyMatch(name -> name.startsWith("plots/"));
    }

    private static void assertFinishedStage(JsonNode run, String stage) {
        assertThat(run.isNull()).as("run %s found", stage).isFalse();
        assertThat(run.get("status").asText()).isEqualTo("FINISHED");
        JsonNode tags = run.get("tags");
        assertThat(tags.get("pdml.stage").asText()).isEqualTo(stage);
        assertThat(tags.get("mlflow.source.name").asText()).isEqualTo("pdml");
        assertThat(tags.get("pdml.host").asText()).isNotBlank();
        assertThat(tags.get("pdml.version.jdk").asText())
                .isEqualTo(System.getProperty("java.runtime.version"));
        assertThat(tags.has("pdml.git_sha")).isTrue();
        assertThat(tags.has("pdml.seed")).isTrue();
    }

    private static void execute(String[] tracking, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(tracking));
        Cli.ok(all.toArray(String[]::new));
    }

    private static double value(JsonNode metrics, String key) {
        JsonNode h = metrics.get(key);
        assertThat(h).as("metric %s in %s", key, metrics).hasSize(1);
        return h.get(0).get(1).asDouble();
    }

    private static byte[] artifact(JsonNode run, String path) {
        JsonNode b64 = run.get("artifacts").get(path);
        assertThat(b64).as("artifact %s in %s", path, run.get("artifacts")).isNotNull();
        return Base64.getDecoder().decode(b64.asText());
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        return HexFormat.of().formatHex(digest);
    }

    private static void writeImages(Path root) throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        for (int c = 0; c < CLASSES; c++) {
            Path dir = Files.createDirectories(root.resolve("class" + c));
            for (int i = 0; i < PER_CLASS; i++) {
                ImageIO.write(
                        SyntheticExamples.image(c, 32, random),
                        "png",
                        dir.resolve(i + ".png").toFile());
            }
        }
    }
}
