package org.pdml.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputPathsTest {
    @TempDir Path dir;

    private ResolvedConfig config(String... overrides) {
        return ConfigLoader.parse(ConfigLoaderTest.MINIMAL, "p.yaml", List.of(overrides));
    }

    @Test
    void missingSourceFailsBeforePreprocessNamingKeyAndPath() {
        Path missing = dir.resolve("absent");
        ResolvedConfig c = config("data.source=" + missing);
        assertThatThrownBy(() -> InputPaths.check(c, InputPaths.Stage.PREPROCESS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("p.yaml (preprocess)")
                .hasMessageContaining(
                        "key 'data.source' names a path that does not exist: " + missing);
    }

    @Test
    void existingInputsPassAndRemotePathsAreLeftToTheStage() throws IOException {
        Path source = Files.createDirectory(dir.resolve("src"));
        Path shards = Files.createDirectory(dir.resolve("shards"));
        Path model = Files.writeString(dir.resolve("m.pt"), "x");
        assertThatCode(
                        () ->
                                InputPaths.check(
                                        config("data.source=" + source),
                                        InputPaths.Stage.PREPROCESS))
                .doesNotThrowAnyException();
        assertThatCode(
                        () ->
                                InputPaths.check(
                                        config("data.source=gs://bucket/cub"),
                                        InputPaths.Stage.PREPROCESS))
                .doesNotThrowAnyException();
        ResolvedConfig train =
                config(
                        "data.output=" + shards,
                        "model.backbone=torchscript",
                        "model.torchscript_path=" + model);
        assertThatCode(() -> InputPaths.check(train, InputPaths.Stage.TRAIN))
                .doesNotThrowAnyException();
    }

    @Test
    void missingTorchScriptFailsBeforeTraining() throws IOException {
        Path shards = Files.createDirectory(dir.resolve("shards"));
        ResolvedConfig train =
                config(
                        "data.output=" + shards,
                        "model.backbone=torchscript",
                        "model.torchscript_path=" + dir.resolve("none.pt"));
        assertThatThrownBy(() -> InputPaths.check(train, InputPaths.Stage.TRAIN))
                .hasMessageContaining(
                        "key 'model.torchscript_path' names a path that does not exist");
    }
}
