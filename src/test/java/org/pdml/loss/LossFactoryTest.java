package org.pdml.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Name lookup and parameter validation. */
class LossFactoryTest {

    @Test
    void everyListedNameBuildsALossOfThatName() {
        for (String name : LossFactory.NAMES) {
            assertThat(LossFactory.create(name, LossParameters.DEFAULTS).getName()).isEqualTo(name);
        }
    }

    @Test
    void paperMetricsCarryTheirSimilarity() {
        assertThat(((NcaLoss) LossFactory.create("el-nivmf", LossParameters.DEFAULTS)).similarity())
                .isInstanceOf(ElNivmf.class);
        assertThat(((NcaLoss) LossFactory.create("kl-vmf", LossParameters.DEFAULTS)).similarity())
                .isInstanceOf(KlVmf.class);
        assertThat(LossFactory.create("proxy-anchor", LossParameters.DEFAULTS))
                .isInstanceOf(ProxyAnchorLoss.class);
    }

    @Test
    void unknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> LossFactory.create("proxyvmf_panc", LossParameters.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'proxyvmf_panc'")
                .hasMessageContaining("el-nivmf, el-vmf, b-vmf");
    }

    @Test
    void invalidParameterIsNamed() {
        assertThatThrownBy(() -> LossParameters.DEFAULTS.withSamples(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("samples");
        assertThatThrownBy(() -> LossParameters.DEFAULTS.withGuidanceWeight(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("guidanceWeight");
    }
}
