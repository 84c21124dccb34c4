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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code pdml promote} against a real registry: the champion alias moves only on improvement. */
@ExtendWith(MlflowServerExtension.class)
class ModelPromoterIT {

    @TempDir Path tmp;

    @Test
    void championMovesOnlyWhenTheMetricIsBetter(TestMlflowServer server) throws IOException {
        ModelPromoter promoter = new ModelPromoter(TrackingEndpoint.of(server.uri(), Map.of()));
        String a = modelRun(server, "a", 0.5, true);
        String b = modelRun(server, "b", 0.4, true);
        String c = modelRun(server, "c", 0.7, true);

        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        ModelPromoter.Promotion first;
        try {
            first = promoter.promote(a, "val.r_at_1", "emb", true);
        } finally {
            System.setErr(stderr);
        }
        // A new model without a champion is no error: the Java client would WARN on its 404s.
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
        assertThat(first.aliasMoved()).isTrue();
        assertThat(first.championValue()).isEmpty();
        assertChampion(server, "emb", first.version(), a);

        ModelPromoter.Promotion worse = promoter.promote(b, "val.r_at_1", "emb", true);
        assertThat(worse.aliasMoved()).isFalse();
        assertThat(worse.championValue()).hasValue(0.5);
        assertThat(worse.version()).isNotEqualTo(first.version()); // registered all the same
        assertChampion(server, "emb", first.version(), a);

        ModelPromoter.Promotion better = promoter.promote(c, "val.r_at_1", "emb", true);
        assertThat(better.aliasMoved()).isTrue();
        assertChampion(server, "emb", better.version(), c);
    }

    @Test
    void lowerIsBetterAndMissingModelsAreHandled(TestMlflowServer server) throws IOException {
        ModelPromoter promoter = new ModelPromoter(TrackingEndpoint.of(server.uri(), Map.of()));
        String low = modelRun(server, "low", 0.3, true);
        String high = modelRun(server, "high", 0.5, true);
        String bare = modelRun(server, "bare", 0.1, false);
        assertThat(promoter.promote(low, "val.r_at_1", "loss-model", false).aliasMoved()).isTrue();
        assertThat(promoter.promote(high, "val.r_at_1", "loss-model", false).aliasMoved())
                .isFalse();
        assertChampion(server, "loss-model", "1", low);
        assertThatThrownBy(() -> promoter.promote(bare, "val.r_at_1", "loss-model", false))
                .hasMessageContaining(bare)
                .hasMessageContaining("model/");
        assertThatThrownBy(() -> promoter.promote(low, "nope", "loss-model", false))
                .hasMessageContaining("no metric 'nope'");
    }

    @Test
    void aLoggedModelIsRegisteredAsItselfAndARunArtifactModelByItsPath(TestMlflowServer server)
            throws IOException {
        ModelPromoter promoter = new ModelPromoter(TrackingEndpoint.of(server.uri(), Map.of()));
        Path dir = Files.createDirectories(tmp.resolve("logged/code"));
        Files.writeString(dir.resolveSibling("MLmodel"), "flavors: {}\n");
        Files.writeString(dir.resolve("loader.py"), "# loader\n");
        String logged;
        try (MlflowRunTracker run =
                MlflowRunTracker.start(server.settings(tmp.resolve("spool")), "it-promote", "lm")) {
            run.logMetric("val.r_at_1", 0.9, 1);
            run.logModel(dir.getParent(), "model");
            logged = run.runId();
        }
        String artifacts = modelRun(server, "artifacts", 0.95, true);

        promoter.promote(logged, "val.r_at_1", "logged-model", true);
        JsonNode champion = server.readAlias("logged-model", ModelPromoter.CHAMPION);
        String modelId = server.readLoggedModels(logged).get(0).get("model_id").asText();
        assertThat(champion.get("source").asText()).isEqualTo("models:/" + modelId);
        assertThat(champion.get("run_id").asText()).isEqualTo(logged);

        promoter.promote(artifacts, "val.r_at_1", "logged-model", true);
        champion = server.readAlias("logged-model", ModelPromoter.CHAMPION);
        assertThat(champion.get("run_id").asText()).isEqualTo(artifacts);
        assertThat(champion.get("source").asText()).endsWith(artifacts + "/artifacts/model");
    }

    private String modelRun(TestMlflowServer server, String name, double metric, boolean model)
            throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Path weights = Files.writeString(dir.resolve("model.pt"), "weights of " + name);
        try (MlflowRunTracker run =
                MlflowRunTracker.start(server.settings(tmp.resolve("spool")), "it-promote", name)) {
            run.logMetric("val.r_at_1", metric, 1);
            if (model) {
                run.logArtifact(weights, "model");
            }
            return run.runId();
        }
    }

    private static void assertChampion(
            TestMlflowServer server, String model, String version, String runId) {
        JsonNode alias = server.readAlias(model, ModelPromoter.CHAMPION);
        assertThat(alias.get("version").asText()).isEqualTo(version);
        assertThat(alias.get("run_id").asText()).isEqualTo(runId);
    }
}
