package org.pdml.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireNamesTest {
    private enum Mode {
        PAPER_APPROX,
        EXACT
    }

    @Test
    void enumConstantsAreLowerCaseWithDashes() {
        assertThat(WireNames.value(Mode.PAPER_APPROX)).isEqualTo("paper-approx");
        assertThat(WireNames.constant(Mode.class, "paper-approx")).isEqualTo(Mode.PAPER_APPROX);
        assertThat(WireNames.constant(Mode.class, "Paper-Approx")).isNull();
    }

    @Test
    void parseIgnoresCaseAndBlanksAndNamesTheChoicesWhenItFails() {
        assertThat(WireNames.parse(Mode.class, " Exact ", "mode")).isEqualTo(Mode.EXACT);
        assertThat(WireNames.parse(Mode.class, "PAPER-APPROX", "mode"))
                .isEqualTo(Mode.PAPER_APPROX);
        assertThatThrownBy(() -> WireNames.parse(Mode.class, "fast", "mode"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown mode 'fast'; expected one of paper-approx|exact");
    }

    @Test
    void componentsAreSnakeCaseKeys() {
        assertThat(WireNames.key("samplesPerClass")).isEqualTo("samples_per_class");
    }
}
