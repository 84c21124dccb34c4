package org.pdml.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicalFormTest {
    @TempDir Path dir;

    private static final String REORDERED =
            """
            train: {epochs: 2}
            model: {embedding_dim: 8}
            data: {output: out, source: in.csv, dataset: csv}
            seed: 1
            name: t
            """;

    private static String hash(String yaml, String... overrides) {
        return ConfigLoader.parse(yaml, "h.yaml", List.of(overrides)).hash();
    }

    @Test
    void keyOrderAndNumberSpellingDoNotChangeTheHash() {
        String base = hash(ConfigLoaderTest.MINIMAL);
        assertThat(hash(REORDERED)).isEqualTo(base);
        assertThat(
                        hash(
                                ConfigLoaderTest.MINIMAL.replace(
                                        "{epochs: 2}", "{epochs: 2, optimizer: {lr: 0.00001}}")))
                .isEqualTo(base);
        assertThat(hash(ConfigLoaderTest.MINIMAL, "loss.alpha=32")).isEqualTo(base);
        assertThat(base).matches("[0-9a-f]{64}");
    }

    @Test
    void anyChangedValueChangesTheHash() {
        String base = hash(ConfigLoaderTest.MINIMAL);
        assertThat(hash(ConfigLoaderTest.MINIMAL, "train.epochs=3")).isNotEqualTo(base);
        assertThat(hash(ConfigLoaderTest.MINIMAL, "train.optimizer.lr=1.00001e-5"))
                .isNotEqualTo(base);
        assertThat(hash(ConfigLoaderTest.MINIMAL, "tracking.uri=http://127.0.0.1:5000"))
                .isNotEqualTo(base);
    }

    @Test
    void canonicalJsonOfASectionIsSortedCompactAndNormalised() {
        // Written by hand from the contract in CanonicalForm's Javadoc.
        assertThat(CanonicalForm.json(new TemperatureConfig(0.0030, true)))
                .isEqualTo("{\"init\":0.003,\"learnable\":true}");
        assertThat(
                        CanonicalForm.json(
                                new ScheduleConfig(
                                        ScheduleConfig.Type.MULTISTEP, List.of(25, 50), 0.30)))
                .isEqualTo("{\"gamma\":0.3,\"milestones\":[25,50],\"type\":\"multistep\"}");
        assertThat(CanonicalForm.json(new TrackingConfig(TrackingConfig.Mode.ON, "a\"b", null)))
                .isEqualTo("{\"experiment\":\"a\\\"b\",\"mode\":\"on\",\"uri\":null}");
    }

    @Test
    void numbersAreNormalised() {
        assertThat(CanonicalForm.number(1e-5)).isEqualTo("0.00001");
        assertThat(CanonicalForm.number(5000.0)).isEqualTo("5000");
        assertThat(CanonicalForm.number(1.0)).isEqualTo("1");
        assertThat(CanonicalForm.number(-2.50)).isEqualTo("-2.5");
        assertThat(CanonicalForm.number(0.0)).isEqualTo("0");
        assertThat(CanonicalForm.number(1e-30)).isEqualTo("1E-30");
    }

    @Test
    void sectionHashesSeparateSections() {
        PdmlConfig a = ConfigLoader.parse(ConfigLoaderTest.MINIMAL, "a", List.of()).config();
        PdmlConfig b =
                ConfigLoader.parse(ConfigLoaderTest.MINIMAL, "b", List.of("train.epochs=9"))
                        .config();
        assertThat(CanonicalForm.sha256(a.data())).isEqualTo(CanonicalForm.sha256(b.data()));
        assertThat(CanonicalForm.sha256(a.train())).isNotEqualTo(CanonicalForm.sha256(b.train()));
    }

    @Test
    void resolvedYamlLoadsBackToTheSameHash() throws IOException {
        ResolvedConfig r =
                ConfigLoader.parse(
                        ConfigLoaderTest.MINIMAL,
                        "m.yaml",
                        List.of("experiment=2024", "tracking.experiment=on", "name=null-run"));
        Path file = dir.resolve("config.yaml");
        r.writeYaml(file);
        ResolvedConfig back = ConfigLoader.load(file, List.of());
        assertThat(back.config()).isEqualTo(r.config());
        assertThat(back.hash()).isEqualTo(r.hash());
        assertThat(Files.readString(file)).contains("# sha256: " + r.hash());
    }

    @Test
    void flattenGivesDottedKeysWithCanonicalValues() {
        var flat = ConfigLoader.parse(ConfigLoaderTest.MINIMAL, "m", List.of()).flatten();
        assertThat(flat)
                .containsEntry("train.optimizer.lr", "0.00001")
                .containsEntry("eval.k_list", "[1,2,4,8]")
                .containsEntry("data.dataset", "csv")
                .containsEntry("tracking.uri", "null")
                .containsEntry("seed", "1");
        assertThat(flat).hasSize(Schema.leafPaths(PdmlConfig.class, "").size());
    }
}
