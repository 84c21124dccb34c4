package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.config.ConfigLoader;

class ConfigCommandTest {
    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int pdml(String... args) {
        return Cli.execute(out, err, args);
    }

    @Test
    void showPrintsTheResolvedConfigWithOverridesAndItLoadsBack() throws IOException {
        Path config = Path.of("configs/quickstart.yaml");
        assertThat(pdml("config", "show", "--config", config.toString(), "train.epochs=17"))
                .isZero();
        Path shown = Files.writeString(dir.resolve("shown.yaml"), out.toString());
        var expected = ConfigLoader.load(config, List.of("train.epochs=17"));
        assertThat(ConfigLoader.load(shown, List.of()).config()).isEqualTo(expected.config());
        assertThat(out.toString()).contains("# sha256: " + expected.hash()).contains("epochs: 17");
    }

    @Test
    void hashPrintsOnlyTheCanonicalHash() {
        Path config = Path.of("configs/quickstart.yaml");
        assertThat(pdml("config", "show", "--config", config.toString(), "--hash")).isZero();
        assertThat(out.toString().trim()).isEqualTo(ConfigLoader.load(config, List.of()).hash());
    }

    @Test
    void badConfigOrOverrideExitsWithTheKeyPathAndFile() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: x\ntrain: {epochz: 3}\n");
        assertThat(pdml("config", "show", "--config", bad.toString()))
                .isEqualTo(ConfigCommand.INVALID_CONFIG);
        assertThat(err.toString())
                .contains(bad + ": unknown key 'train.epochz' (did you mean 'train.epochs'?)");
        assertThat(
                        pdml(
                                "config",
                                "show",
                                "--config",
                                "configs/quickstart.yaml",
                                "train.optimizer.lr=fast"))
                .isEqualTo(ConfigCommand.INVALID_CONFIG);
        assertThat(err.toString())
                .contains(
                        "override 'train.optimizer.lr=fast': key 'train.optimizer.lr' must be float");
    }

    @Test
    void helpListsEveryKeyWithItsDescription() {
        assertThat(pdml("config", "help")).isZero();
        assertThat(out.toString())
                .contains("train.optimizer.lr_multipliers.kappa")
                .contains("loss.temperature.init")
                .containsPattern(
                        "model\\.embedding_dim\\s+int\\s+REQUIRED\\s+Embedding dimension D");
    }
}
