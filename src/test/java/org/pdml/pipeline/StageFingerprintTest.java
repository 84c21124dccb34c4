package org.pdml.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pdml.config.ConfigLoader;
import org.pdml.config.PdmlConfig;

/** Which config changes and input changes move which stage's fingerprint. */
class StageFingerprintTest {
    private static final String EXAMPLES = "a".repeat(64);
    private static final String MODEL = "b".repeat(64);
    private static final String INDEX = "c".repeat(64);
    private static final String STAMP = "f".repeat(64);

    private static PdmlConfig config(String... overrides) {
        return ConfigLoader.load(
                        Path.of("configs/smoke/emoji-vendors-tiny.yaml"), List.of(overrides))
                .config();
    }

    private static String pre(PdmlConfig c) {
        return StageFingerprint.preprocess(c, INDEX, STAMP).sha256();
    }

    private static String train(PdmlConfig c) {
        return StageFingerprint.train(c, EXAMPLES).sha256();
    }

    private static String eval(PdmlConfig c) {
        return StageFingerprint.evaluate(c, MODEL, EXAMPLES).sha256();
    }

    @Test
    void theHashIsTheSha256OfTheDocumentedText() throws Exception {
        StageFingerprint fp =
                new StageFingerprint(
                        StageName.TRAIN,
                        new TreeMap<>(Map.of("seed", "7", "model", "{\"d\":1}")),
                        new TreeMap<>(Map.of("examples", "ab")));
        String text =
                "pdml.stage-fingerprint/v1\nstage=train\nconfig.model={\"d\":1}\nconfig.seed=7\n"
                        + "input.examples=ab\n";
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertThat(fp.canonicalText()).isEqualTo(text);
        assertThat(fp.sha256())
                .isEqualTo(
                        HexFormat.of()
                                .formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8))));
        String configOnly = text.substring(0, text.indexOf("input."));
        assertThat(fp.configSha256())
                .isEqualTo(
                        HexFormat.of()
                                .formatHex(
                                        sha.digest(configOnly.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void equalConfigsGiveEqualFingerprintsWhateverTheSpelling() {
        assertThat(train(config("train.optimizer.lr=0.001"))).isEqualTo(train(config()));
        assertThat(train(config("train.optimizer.lr=1e-3"))).isEqualTo(train(config()));
    }

    @Test
    void aTrainSettingMovesTrainOnly() {
        PdmlConfig base = config();
        PdmlConfig more = config("train.epochs=3");
        assertThat(train(more)).isNotEqualTo(train(base));
        assertThat(pre(more)).isEqualTo(pre(base));
        assertThat(eval(more)).isEqualTo(eval(base)); // evaluate sees it through the model hash
    }

    @Test
    void modelAndLossSettingsMoveTrain() {
        assertThat(train(config("model.embedding_dim=32"))).isNotEqualTo(train(config()));
        assertThat(train(config("loss.kappa_init=5"))).isNotEqualTo(train(config()));
    }

    @Test
    void aDataSettingMovesPreprocessOnly() {
        PdmlConfig base = config();
        PdmlConfig bigger = config("data.image_size=48");
        assertThat(pre(bigger)).isNotEqualTo(pre(base));
        assertThat(train(bigger)).isEqualTo(train(base)); // train sees it through the manifest
        assertThat(pre(config("data.output=elsewhere"))).isNotEqualTo(pre(base));
    }

    @Test
    void anEvalSettingMovesEvaluateOnly() {
        PdmlConfig base = config();
        PdmlConfig k = config("eval.k_list=[1,2,8]");
        assertThat(eval(k)).isNotEqualTo(eval(base));
        assertThat(train(k)).isEqualTo(train(base));
        assertThat(pre(k)).isEqualTo(pre(base));
    }

    @Test
    void nameTrackingAndExperimentMoveNothing() {
        PdmlConfig base = config();
        PdmlConfig other = config("name=other", "experiment=elsewhere", "tracking.mode=on");
        assertThat(List.of(pre(other), train(other), eval(other)))
                .containsExactly(pre(base), train(base), eval(base));
    }

    @Test
    void theSeedMovesEveryStage() {
        PdmlConfig base = config();
        PdmlConfig seeded = config("seed=1");
        assertThat(pre(seeded)).isNotEqualTo(pre(base));
        assertThat(train(seeded)).isNotEqualTo(train(base));
        assertThat(eval(seeded)).isNotEqualTo(eval(base));
    }

    @Test
    void anInputManifestMovesTheFingerprintButNotTheConfigHash() {
        PdmlConfig c = config();
        StageFingerprint a = StageFingerprint.train(c, EXAMPLES);
        StageFingerprint b = StageFingerprint.train(c, "c".repeat(64));
        assertThat(b.sha256()).isNotEqualTo(a.sha256());
        assertThat(b.configSha256()).isEqualTo(a.configSha256());
        assertThat(StageFingerprint.evaluate(c, "d".repeat(64), EXAMPLES).sha256())
                .isNotEqualTo(eval(c));
        assertThat(StageFingerprint.evaluate(c, MODEL, "e".repeat(64)).sha256())
                .isNotEqualTo(eval(c));
    }

    @Test
    void aPartNameCannotForgeALine() {
        assertThatThrownBy(
                        () ->
                                new StageFingerprint(
                                        StageName.TRAIN,
                                        new TreeMap<>(Map.of("a=b", "1")),
                                        new TreeMap<>()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a=b");
    }

    @Test
    void stageNamesParseFromTheCommandLine() {
        assertThat(StageName.parse("Train")).isEqualTo(StageName.TRAIN);
        assertThatThrownBy(() -> StageName.parse("fit"))
                .hasMessageContaining("fit")
                .hasMessageContaining("preprocess|train|evaluate");
    }

    @Test
    void aChangedSourceIndexMovesPreprocessAndNotItsConfigHash() {
        PdmlConfig c = config();
        StageFingerprint before = StageFingerprint.preprocess(c, INDEX, STAMP);
        StageFingerprint grown = StageFingerprint.preprocess(c, "d".repeat(64), STAMP);
        assertThat(grown.sha256()).isNotEqualTo(before.sha256());
        assertThat(grown.configSha256()).isEqualTo(before.configSha256());
        assertThat(grown.canonicalText()).contains("input.source_index=" + "d".repeat(64));
    }

    @Test
    void aChangedSourceStampMovesPreprocessAndNotItsConfigHash() {
        PdmlConfig c = config();
        StageFingerprint before = StageFingerprint.preprocess(c, INDEX, STAMP);
        StageFingerprint rewritten = StageFingerprint.preprocess(c, INDEX, "e".repeat(64));
        assertThat(rewritten.sha256()).isNotEqualTo(before.sha256());
        assertThat(rewritten.configSha256()).isEqualTo(before.configSha256());
        assertThat(rewritten.canonicalText()).contains("input.source_files=" + "e".repeat(64));
    }
}
