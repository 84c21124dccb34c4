package org.pdml.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The syntax of {@code engine.libtorch} and {@code --libtorch}. */
class LibtorchRequestTest {
    @Test
    void parsesEachForm() {
        assertThat(LibtorchRequest.parse("bundled-cpu")).isEqualTo(LibtorchRequest.BUNDLED_CPU);
        assertThat(LibtorchRequest.parse("pip").kind()).isEqualTo(LibtorchRequest.Kind.PIP);
        LibtorchRequest path = LibtorchRequest.parse("/opt/libtorch");
        assertThat(path.kind()).isEqualTo(LibtorchRequest.Kind.PATH);
        assertThat(path.path()).isEqualTo(Path.of("/opt/libtorch"));
        assertThat(LibtorchRequest.parse("./libtorch")).hasToString("./libtorch");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cuda", "cpu", "bundled", "libtorch", ""})
    void rejectsAKeywordItDoesNotKnowNamingTheForms(String text) {
        assertThatThrownBy(() -> LibtorchRequest.parse(text))
                .hasMessage(
                        "must be bundled-cpu, pip or the path of a libtorch folder (with a '/',"
                                + " e.g. ./libtorch), got '"
                                + text
                                + "'");
    }

    @Test
    void theValidatorNamesTheKey() {
        assertThatThrownBy(
                        () ->
                                ConfigLoader.load(
                                        Path.of("configs/smoke/folder-tiny.yaml"),
                                        java.util.List.of("engine.libtorch=cuda")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key 'engine.libtorch' must be bundled-cpu, pip or the path");
    }
}
