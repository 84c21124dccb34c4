package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.StageArtifact;
import org.pdml.eval.EvalReportWriter;
import org.pdml.pipeline.PipelineRunner;
import org.pdml.pipeline.RunFolder;
import org.pdml.tracking.mlflow.MlflowServerExtension;
import org.pdml.tracking.mlflow.TestMlflowServer;

/**
 * {@code pdml run} stage caching on real Emoji-Vendors art (the tiny smoke config, 40 classes per
 * half, 1-2 epochs on CPU): a second identical run reuses every stage; more epochs re-run train and
 * evaluate only; {@code --from train} forces train and evaluate; an interrupted train resumes from
 * its checkpoint; a run launched again from its logged config with {@code --from preprocess} gives
 * the same metrics. Every run is tracked in a real MLflow server, read back with MLflow's Python
 * client: each stage's child run carries whether it was reused.
 */
@ExtendWith(MlflowServerExtension.class)
class StageCachingIT {
    private static final String CONFIG = "configs/smoke/emoji-vendors-tiny.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    private TestMlflowServer server;

    private record Result(int status, String out, String err, Path run) {
        /** Which stages were reused, from the run folder's stages.json. */
        List<String> reused() throws IOException {
            JsonNode stages = JSON.readTree(run.resolve(RunFolder.STAGES).toFile());
            List<String> names = new ArrayList<>();
            stages.fields()
                    .forEachRemaining(
                            e -> {
                                if (e.getValue().get("reused").asBoolean()) {
                                    names.add(e.getKey());
                                }
                            });
            return names;
        }

        Map<String, Double> metrics() throws IOException {
            return EvalReportWriter.read(run.resolve("eval")).getMetricsMap();
        }

        Path stageDir(String stage) throws IOException {
            JsonNode stages = JSON.readTree(run.resolve(RunFolder.STAGES).toFile());
            return Path.of(stages.get(stage).get("dir").asText());
        }
    }

    private static Result pdml(List<String> args) {
        Cli.Result r = Cli.ok(args.toArray(String[]::new));
        String text = r.out();
        int at = text.indexOf("run folder: ");
        Path run = Path.of(text.substring(at + 12, text.indexOf('\n', at)).trim());
        return new Result(r.status(), text, r.err(), run);
    }

    private Result run(String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "run",
                                "--config",
                                CONFIG,
                                "data.output=" + tmp.resolve("shards"),
                                "data.max_classes_per_split=40",
                                "runs_root=" + tmp.resolve("runs"),
                                "train.checkpoint_every=1",
                                "tracking.mode=on",
                                "tracking.uri=" + server.uri(),
                                "tracking.experiment=stage-caching-it"));
        args.addAll(List.of(extra));
        return pdml(args);
    }

    @Test
    void stagesAreReusedForcedResumedAndReproduced(TestMlflowServer mlflow) throws IOException {
        server = mlflow;
        Result first = run("train.epochs=1");
        assertThat(first.reused()).isEmpty();
        assertThat(trackedReuse(first))
                .isEqualTo(Map.of("preprocess", "false", "train", "false", "evaluate", "false"));

        Result same = run("train.epochs=1");
        assertThat(same.reused()).containsExactly("preprocess", "train", "evaluate");
        assertThat(same.out()).contains("train: reusing").doesNotContain("running");
        assertThat(same.metrics()).isEqualTo(first.metrics());
        assertThat(trackedReuse(same))
                .isEqualTo(Map.of("preprocess", "true", "train", "true", "evaluate", "true"));

        Result longer = run("train.epochs=2");
        assertThat(longer.reused()).containsExactly("preprocess");
        assertThat(trackedReuse(longer))
                .isEqualTo(Map.of("preprocess", "true", "train", "false", "evaluate", "false"));
        assertThat(longer.stageDir("train")).isNotEqualTo(first.stageDir("train"));

        Result forced = run("train.epochs=2", "--from", "train");
        assertThat(forced.reused()).containsExactly("preprocess");
        assertThat(forced.out()).contains("train: running (forced by --from)");
        assertThat(forced.metrics()).isEqualTo(longer.metrics()); // CPU training is deterministic

        resumesAnInterruptedTrain(forced);

        Result again =
                pdml(
                        List.of(
                                "run",
                                "--config",
                                longer.run().resolve("config.yaml").toString(),
                                "--from",
                                "preprocess"));
        assertThat(again.reused()).isEmpty();
        assertThat(again.metrics()).isEqualTo(longer.metrics());

        prunesAllButTheNewestRunsStages(first, again);
    }

    /**
     * {@code pdml prune --keep-runs 1} removes the stage folders only older runs name (the
     * one-epoch train) and keeps the newest run's, which a rerun of its config then reuses whole.
     */
    private void prunesAllButTheNewestRunsStages(Result old, Result newest) throws IOException {
        Path oldTrain = old.stageDir("train");
        Path keptTrain = newest.stageDir("train");
        assertThat(oldTrain).isNotEqualTo(keptTrain).exists();
        Cli.Result pruned =
                Cli.ok("prune", "--runs-root", tmp.resolve("runs").toString(), "--keep-runs", "1");
        assertThat(pruned.out()).contains("removing " + oldTrain);
        assertThat(oldTrain).doesNotExist();
        assertThat(keptTrain.resolve("model/params.bin")).exists();

        Result rerun =
                pdml(List.of("run", "--config", newest.run().resolve("config.yaml").toString()));
        assertThat(rerun.reused()).containsExactly("preprocess", "train", "evaluate");
        assertThat(rerun.metrics()).isEqualTo(newest.metrics());
    }

    /**
     * Takes away the train stage's commit marker and exported model, as a crash after the last
     * checkpoint would leave it: the next run resumes from {@code checkpoints/latest} (no epoch is
     * trained again) and exports the same parameters.
     */
    private void resumesAnInterruptedTrain(Result done) throws IOException {
        Path train = done.stageDir("train");
        byte[] params = Files.readAllBytes(train.resolve("model/params.bin"));
        Object latest = fileKey(train.resolve("checkpoints/latest"));
        Files.delete(train.resolve(StageArtifact.MANIFEST));
        try (var files = Files.list(train.resolve("model"))) {
            for (Path f : files.toList()) {
                org.pdml.util.FileTrees.deleteTree(f); // the MLflow loader sits in model/code/
            }
        }
        Result resumed = run("train.epochs=2");
        // The resumed train exports byte-identical files (fixed archive times, no clock in the
        // card), so evaluation's inputs are those of the finished run and its output is reused.
        assertThat(resumed.reused()).containsExactly("preprocess", "evaluate");
        assertThat(resumed.out()).contains("train: running (fingerprint");
        assertThat(resumed.stageDir("train")).isEqualTo(train);
        assertThat(Files.readAllBytes(train.resolve("model/params.bin"))).isEqualTo(params);
        // a restart would have replaced the checkpoint folder (written aside, renamed in)
        assertThat(fileKey(train.resolve("checkpoints/latest"))).isEqualTo(latest);
        assertThat(resumed.metrics()).isEqualTo(done.metrics());
    }

    /**
     * Stage name → the {@code pdml.reused} tag of its child run, as MLflow's client reads them from
     * the server; every child must have FINISHED.
     */
    private Map<String, String> trackedReuse(Result r) throws IOException {
        String parentId = Files.readString(r.run().resolve("mlflow-run-id")).strip();
        JsonNode parent = server.readRuns(parentId).get(parentId);
        assertThat(parent.get("status").asText()).isEqualTo("FINISHED");
        List<String> ids = new ArrayList<>();
        parent.get("children").forEach(id -> ids.add(id.asText()));
        Map<String, String> reused = new TreeMap<>();
        for (JsonNode child : server.readRuns(ids.toArray(String[]::new))) {
            assertThat(child.get("status").asText()).isEqualTo("FINISHED");
            reused.put(
                    child.get("tags").get("pdml.stage").asText(),
                    child.get("tags").get(PipelineRunner.REUSED_TAG).asText());
        }
        return reused;
    }

    private static Object fileKey(Path p) throws IOException {
        Object key = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
        assertThat(key).as("this file system gives file keys").isNotNull();
        return key;
    }
}
