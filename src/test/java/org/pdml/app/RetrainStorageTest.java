package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pdml.app.PdmlInvocations.Invocation;

/**
 * What the scheduled retraining's steps must agree on for its storage to work: the GPU step's
 * {@code pdml run} computes the preprocess step's stage fingerprint, and the bucket mount lets pdml
 * rename the folders it publishes.
 */
class RetrainStorageTest {
    /**
     * The preprocess step records its examples under the stage fingerprint of its config, data
     * settings and runs root, and {@code pdml run} reuses them only if it computes the same: so
     * every data setting, the runs root and the user's overrides given to {@code pdml preprocess}
     * are given, with the same value, to {@code pdml run} (PreprocessThenRunTest runs the pair).
     */
    @Test
    void runGetsEveryDataSettingThatPreprocessGot() throws IOException {
        StringBuilder argo = new StringBuilder();
        new ArgoTemplates().scripts().forEach(s -> argo.append(s.source()).append('\n'));
        Map<String, String> schedules =
                Map.of(
                        "pipelines/argo",
                        argo.toString(),
                        "retrain.sh",
                        RepoFiles.read(Path.of("pipelines/local/retrain.sh")));
        schedules.forEach(
                (where, text) -> {
                    List<Invocation> all = PdmlInvocations.fromShell(text, where);
                    List<String> pre = settings(all, "preprocess");
                    assertThat(pre).as(where).anyMatch(t -> t.startsWith("runs_root="));
                    assertThat(pre).as(where).anyMatch(t -> t.startsWith("data.output="));
                    assertThat(settings(all, "run")).as(where).containsAll(pre);
                });
    }

    /** The key=value overrides and {@code "$@"} of the one invocation of a subcommand. */
    private static List<String> settings(List<Invocation> all, String subcommand) {
        List<Invocation> found =
                all.stream()
                        .filter(
                                i ->
                                        CliModelCheck.subcommandPath(i.tokens())
                                                .equals(List.of(subcommand)))
                        .toList();
        assertThat(found).as("one pdml " + subcommand).hasSize(1);
        return found.get(0).tokens().stream()
                .filter(
                        t ->
                                t.equals("$@")
                                        || (!t.startsWith("-")
                                                && WorkflowConsistencyTest.OVERRIDE
                                                        .matcher(t)
                                                        .matches()))
                .toList();
    }

    /**
     * pdml publishes checkpoints, models and examples folders by renaming a staged folder, which
     * Cloud Storage FUSE refuses on a flat bucket unless {@code rename-dir-limit} exceeds the
     * folder's object count; the largest is an examples folder: three split folders of {@code
     * num_shards} shards each, the manifest and the rejects file.
     */
    @Test
    void theBucketMountAllowsTheFolderRenamesPdmlMakes() throws IOException {
        int shards = 0;
        List<Path> configs = new ArrayList<>(RepoFiles.tree(Path.of("configs"), ".yaml"));
        configs.add(Path.of("src/main/resources/org/pdml/config/base.yaml"));
        for (Path c : configs) {
            for (JsonNode doc : RepoFiles.yamlDocuments(c)) {
                shards = Math.max(shards, doc.path("data").path("num_shards").asInt(0));
            }
        }
        assertThat(shards).as("largest num_shards of a shipped config").isGreaterThanOrEqualTo(32);
        int objects = 3 + 3 * shards + 2;
        List<JsonNode> volumes = new ArrayList<>();
        for (JsonNode wf : new ArgoTemplates().workflowTemplates()) {
            RepoFiles.collect(wf, "csi", volumes);
        }
        assertThat(volumes).isNotEmpty();
        for (JsonNode csi : volumes) {
            assertThat(csi.path("driver").asText()).isEqualTo("gcsfuse.csi.storage.gke.io");
            String options = csi.path("volumeAttributes").path("mountOptions").asText();
            Matcher limit =
                    Pattern.compile("(?:^|,)rename-dir-limit=(\\d+)(?:,|$)").matcher(options);
            assertThat(limit.find()).as("rename-dir-limit in " + options).isTrue();
            assertThat(Integer.parseInt(limit.group(1))).isGreaterThan(objects);
        }
    }
}
