package org.pdml.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The syntax of {@code train.device} and {@code --device}. */
class DeviceRequestTest {
    @ParameterizedTest
    @CsvSource({"auto,AUTO,0,auto", "cpu,CPU,0,cpu", "cuda,CUDA,0,cuda:0", "cuda:3,CUDA,3,cuda:3"})
    void parsesEachForm(String text, DeviceRequest.Kind kind, int index, String canonical) {
        DeviceRequest r = DeviceRequest.parse(text);
        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r.index()).isEqualTo(index);
        assertThat(r).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpu", "cuda:", "cuda:-1", "CUDA", "mps", ""})
    void rejectsOtherTextNamingTheForms(String text) {
        assertThatThrownBy(() -> DeviceRequest.parse(text))
                .hasMessage(
                        "must be auto, cpu, cuda or cuda:N (N = GPU index), got '" + text + "'");
    }
}
