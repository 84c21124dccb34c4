package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.config.ConfigLoader;
import org.pdml.testing.SyntheticExamples;
import org.pdml.tracking.mlflow.MlflowServerExtension;
import org.pdml.tracking.mlflow.TestMlflowServer;
import org.pdml.util.Sha256;

/**
 * Two {@code pdml run}s of one config, EL-nivMF and ProxyAnchor, tracked in a real MLflow server
 * and read back with MLflow's Python client: the runs go to the MLflow experiment named by the
 * config's top-level {@code experiment} (the run folder's group), are named by config, loss,
 * backbone and config hash (children by stage and parent), carry their command-line overrides in
 * {@code pdml.overrides}, and the {@code mlflow.search_runs} filter of docs/operations.md §2 tells
 * them apart. Their train and evaluate children log the examples as MLflow dataset inputs with one
 * digest.
 */
@ExtendWith(MlflowServerExtension.class)
class RunNamingIT {

    private static final String CONFIG = "configs/smoke/folder-tiny.yaml";

    /** The filter the README shows, {@code {loss}} standing for the loss compared. */
    private static final String README_FILTER =
            "params.`loss.name` = '{loss}' AND tags.`pdml.run_folder` LIKE '%'";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path tmp;

    @BeforeAll
    static void images() throws IOException {
        SyntheticExamples.writeFolder(tmp.resolve("images"), 8, 6, 5);
    }

    @Test
    void runsAreNamedTaggedAndFoundByLoss(TestMlflowServer server) throws IOException {
        List<String> common =
                List.of(
                        "data.source=" + tmp.resolve("images"),
                        "data.output=" + tmp.resolve("shards"),
                        "runs_root=" + tmp.resolve("runs"),
                        "tracking.mode=on",
                        "tracking.uri=" + server.uri());
        Map<String, String> parentByLoss = new TreeMap<>();
        parentByLoss.put("el-nivmf", run(server, common, List.of(), List.of()));
        parentByLoss.put(
                "proxy-anchor",
                run(server, common, List.of("loss.name=proxy-anchor"), List.of("--device", "cpu")));
        String smoke = server.experimentId("smoke");
        assertThat(smoke).as("MLflow experiment = the config's experiment key").isNotNull();
        for (Map.Entry<String, String> e : parentByLoss.entrySet()) {
            JsonNode found =
                    server.searchRuns("smoke", README_FILTER.replace("{loss}", e.getKey()));
            assertThat(found).as("README filter for %s", e.getKey()).hasSize(1);
            assertThat(found.get(0).get("run_id").asText()).isEqualTo(e.getValue());
            assertThat(found.get(0).get("loss").asText()).isEqualTo(e.getKey());
        }
        assertThat(Files.readString(Path.of("docs/operations.md"))).contains(README_FILTER);
        // Both runs read the same examples: one digest, found by MLflow's dataset filter.
        JsonNode el =
                server.readRuns(parentByLoss.get("el-nivmf")).get(parentByLoss.get("el-nivmf"));
        JsonNode trainEl = null;
        for (JsonNode c : server.readRuns(childIds(el))) {
            if (c.get("tags").get("pdml.stage").asText().equals("train")) {
                trainEl = c;
            }
        }
        String digest = trainEl.get("inputs").get(0).get("digest").asText();
        JsonNode sameData = server.searchRuns("smoke", "dataset.digest = '" + digest + "'");
        // The parents log the training examples too (#22: the runs table's Dataset column).
        assertThat(sameData).as("both parents and their train and evaluate children").hasSize(6);
        List<String> found = new ArrayList<>();
        sameData.forEach(r -> found.add(r.get("run_name").asText().replaceAll(":.*", "")));
        assertThat(found)
                .containsExactlyInAnyOrder(
                        "smoke-folder",
                        "smoke-folder",
                        "train @ smoke-folder",
                        "train @ smoke-folder",
                        "evaluate @ smoke-folder",
                        "evaluate @ smoke-folder");
    }

    /**
     * Runs {@code pdml run} with the common and extra overrides plus flags, checks the parent and
     * its children as read back, and returns the parent's id.
     */
    private static String run(
            TestMlflowServer server, List<String> common, List<String> extra, List<String> flags)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--config", CONFIG));
        args.addAll(common);
        args.addAll(extra);
        args.addAll(flags);
        Cli.Result out = Cli.ok(args.toArray(String[]::new));
        Path runs = tmp.resolve("runs");
        assertThat(out.out())
                .contains(
                        "experiment: smoke (run folder "
                                + runs.resolve("smoke")
                                + "/…, MLflow experiment smoke)");
        List<String> overrides = new ArrayList<>(common);
        overrides.addAll(extra);
        if (!flags.isEmpty()) {
            overrides.add("train.device=cpu");
        }
        String name = RunNames.of(ConfigLoader.load(Path.of(CONFIG), overrides));
        String id = parentId(out.out());
        JsonNode parent = server.readRuns(id).get(id);
        assertThat(parent.get("experiment_id").asText()).isEqualTo(server.experimentId("smoke"));
        JsonNode tags = parent.get("tags");
        assertThat(tags.get("mlflow.runName").asText()).isEqualTo(name);
        assertThat(tags.get("pdml.overrides").asText()).isEqualTo(String.join(" ", overrides));
        assertThat(runs.resolve("smoke").resolve(tags.get("pdml.run_folder").asText()))
                .isDirectory();
        List<String> childIds = new ArrayList<>();
        parent.get("children").forEach(c -> childIds.add(c.asText()));
        List<String> childNames = new ArrayList<>();
        Map<String, JsonNode> byStage = new TreeMap<>();
        server.readRuns(childIds.toArray(String[]::new))
                .forEach(
                        c -> {
                            childNames.add(c.get("tags").get("mlflow.runName").asText());
                            byStage.put(c.get("tags").get("pdml.stage").asText(), c);
                        });
        assertThat(childNames)
                .containsExactlyInAnyOrder(
                        "preprocess @ " + name, "train @ " + name, "evaluate @ " + name);
        assertInputs(byStage);
        return id;
    }

    /**
     * The train and evaluate children log the examples as a dataset input: the manifest's SHA-256
     * (first 32 hex digits) as digest, the folder's URI, the split counts, the schema; evaluation
     * says which split it read.
     */
    private static void assertInputs(Map<String, JsonNode> byStage) throws IOException {
        JsonNode train = byStage.get("train").get("inputs");
        JsonNode eval = byStage.get("evaluate").get("inputs");
        assertThat(train).hasSize(1);
        assertThat(eval).hasSize(1);
        Path examples = examplesOf(byStage.get("train"));
        String sha = Sha256.of(examples.resolve("manifest.json"));
        for (JsonNode input : List.of(train.get(0), eval.get(0))) {
            assertThat(input.get("name").asText()).isEqualTo("folder");
            assertThat(input.get("digest").asText()).isEqualTo(sha.substring(0, 32));
            assertThat(input.get("source_type").asText()).isEqualTo("local");
            JsonNode source = JSON.readTree(input.get("source").asText());
            assertThat(source.get("uri").asText()).isEqualTo(examples.toUri().toString());
            JsonNode profile = JSON.readTree(input.get("profile").asText());
            assertThat(profile.get("sha256").asText()).isEqualTo(sha);
            long records = 0;
            for (JsonNode split : profile.get("splits")) {
                records += split.get("records").asLong();
            }
            assertThat(records).isEqualTo(8 * 6);
            assertThat(input.get("schema").asText()).contains("mlflow_colspec", "image/encoded");
        }
        assertThat(train.get(0).get("tags").get("mlflow.data.context").asText())
                .isEqualTo("training");
        assertThat(eval.get(0).get("tags").get("mlflow.data.context").asText())
                .isEqualTo("evaluation");
        assertThat(eval.get(0).get("tags").get("pdml.split").asText()).isEqualTo("test");
    }

    /** The examples folder a train child read, from its source URI. */
    private static Path examplesOf(JsonNode trainRun) throws IOException {
        String source = trainRun.get("inputs").get(0).get("source").asText();
        return Path.of(java.net.URI.create(JSON.readTree(source).get("uri").asText()));
    }

    private static String[] childIds(JsonNode parent) {
        List<String> ids = new ArrayList<>();
        parent.get("children").forEach(c -> ids.add(c.asText()));
        return ids.toArray(String[]::new);
    }

    private static String parentId(String out) {
        String line =
                out.lines().filter(l -> l.startsWith("mlflow run: ")).findFirst().orElseThrow();
        return line.substring("mlflow run: ".length(), line.indexOf(' ', "mlflow run: ".length()));
    }
}
