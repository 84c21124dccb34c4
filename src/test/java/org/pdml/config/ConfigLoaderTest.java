package org.pdml.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    static final String MINIMAL =
            """
            name: t
            seed: 1
            data: {dataset: csv, source: in.csv, output: out}
            model: {embedding_dim: 8}
            train: {epochs: 2}
            """;

    @TempDir Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void minimalConfigTakesEverythingElseFromTheBase() throws IOException {
        PdmlConfig c = ConfigLoader.load(write("m.yaml", MINIMAL), List.of()).config();
        assertThat(c.name()).isEqualTo("t");
        assertThat(c.seed()).isEqualTo(1L);
        assertThat(c.data().dataset()).isEqualTo(DataConfig.DatasetKind.CSV);
        assertThat(c.train().optimizer().lr()).isEqualTo(1.0e-5);
        assertThat(c.train().optimizer().lrMultipliers().proxy()).isEqualTo(5000.0);
        assertThat(c.loss().name()).isEqualTo(LossConfig.Name.EL_NIVMF);
        assertThat(c.eval().kList()).containsExactly(1, 2, 4, 8);
        assertThat(c.tracking().mode()).isEqualTo(TrackingConfig.Mode.ON);
        assertThat(c.tracking().uri()).isNull();
    }

    @Test
    void unknownNestedKeyNamesFullPathFileAndSuggestion() throws IOException {
        Path file = write("x.yaml", MINIMAL + "loss: {kapa_init: 3}\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        file + ": unknown key 'loss.kapa_init' (did you mean 'loss.kappa_init'?)");
    }

    @Test
    void unknownSectionNamesItsFirstLeafAndTheCorrectedPath() throws IOException {
        String yaml =
                MINIMAL.replace("train: {epochs: 2}", "train: {epochs: 2, optimiser: {lr: 1}}");
        Path file = write("x.yaml", yaml);
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .hasMessage(
                        file
                                + ": unknown key 'train.optimiser.lr'"
                                + " (did you mean 'train.optimizer.lr'?)");
    }

    @Test
    void unknownKeyWithoutNearNeighbourHasNoSuggestion() throws IOException {
        Path file = write("x.yaml", MINIMAL + "colour: blue\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .hasMessage(file + ": unknown key 'colour'");
    }

    @Test
    void wrongTypeNamesPathAndExpectedType() throws IOException {
        Path file = write("x.yaml", MINIMAL.replace("epochs: 2", "epochs: ten"));
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .hasMessage(file + ": key 'train.epochs' must be int, got string 'ten'");
        Path frac = write("y.yaml", MINIMAL.replace("epochs: 2", "epochs: 2.5"));
        assertThatThrownBy(() -> ConfigLoader.load(frac, List.of()))
                .hasMessageContaining("key 'train.epochs' must be int, got number '2.5'");
    }

    @Test
    void wrongEnumValueListsTheChoices() throws IOException {
        Path file = write("x.yaml", MINIMAL + "loss: {name: triplet}\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .hasMessageContaining("key 'loss.name' must be one of el-nivmf|el-vmf|b-vmf")
                .hasMessageEndingWith("got string 'triplet'");
    }

    @Test
    void wrongListElementNamesItsIndex() throws IOException {
        Path file = write("x.yaml", MINIMAL + "eval: {k_list: [1, two]}\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .hasMessage(file + ": key 'eval.k_list[1]' must be int, got string 'two'");
    }

    @Test
    void sectionGivenAsScalarIsATypeError() throws IOException {
        Path file = write("x.yaml", MINIMAL + "eval: 3\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .hasMessage(file + ": key 'eval' must be a mapping (section), got number '3'");
    }

    @Test
    void missingRequiredKeyNamesPath() throws IOException {
        Path file = write("x.yaml", MINIMAL.replace("seed: 1\n", ""));
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .hasMessageStartingWith(file + ": missing required key 'seed' (int: ");
        Path nested = write("y.yaml", MINIMAL.replace("model: {embedding_dim: 8}\n", ""));
        assertThatThrownBy(() -> ConfigLoader.load(nested, List.of()))
                .hasMessageStartingWith(nested + ": missing required key 'model.embedding_dim'");
    }

    @Test
    void duplicateKeysAndBadYamlFail() throws IOException {
        Path dup = write("d.yaml", MINIMAL + "seed: 2\n");
        assertThatThrownBy(() -> ConfigLoader.load(dup, List.of()))
                .hasMessageContaining(dup + ": invalid YAML: Duplicate field 'seed'");
        Path bad = write("b.yaml", "name: [unclosed\n");
        assertThatThrownBy(() -> ConfigLoader.load(bad, List.of()))
                .hasMessageStartingWith(bad + ": invalid YAML");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("none.yaml"), List.of()))
                .hasMessage(dir.resolve("none.yaml") + ": config file does not exist");
    }

    @Test
    void yamlOnOffIsAcceptedForTrackingMode() throws IOException {
        Path file = write("x.yaml", MINIMAL + "tracking: {mode: off}\n");
        assertThat(ConfigLoader.load(file, List.of()).config().tracking().mode())
                .isEqualTo(TrackingConfig.Mode.OFF);
    }

    @Test
    void extendsMergesParentRelativeToTheChildAndChildWins() throws IOException {
        Files.createDirectories(dir.resolve("parts"));
        write("parts/parent.yaml", MINIMAL + "eval: {k_list: [1, 10], ece_bins: 7}\n");
        Path child =
                write(
                        "child.yaml",
                        "extends: parts/parent.yaml\nname: child\neval: {k_list: [1]}\n");
        PdmlConfig c = ConfigLoader.load(child, List.of()).config();
        assertThat(c.name()).isEqualTo("child");
        assertThat(c.eval().kList()).containsExactly(1);
        assertThat(c.eval().eceBins()).isEqualTo(7);
        assertThat(c.seed()).isEqualTo(1L);
    }

    @Test
    void extendsErrorsNameTheFileHoldingTheBadKey() throws IOException {
        Path parent = write("parent.yaml", MINIMAL + "eval: {epoch: 3}\n");
        Path child = write("child.yaml", "extends: parent.yaml\n");
        assertThatThrownBy(() -> ConfigLoader.load(child, List.of()))
                .hasMessageStartingWith(parent + ": unknown key 'eval.epoch'");
    }

    @Test
    void extendsCycleFails() throws IOException {
        write("a.yaml", "extends: b.yaml\n");
        Path b = write("b.yaml", "extends: a.yaml\n");
        assertThatThrownBy(() -> ConfigLoader.load(b, List.of()))
                .hasMessageContaining("'extends' cycle");
    }
}
