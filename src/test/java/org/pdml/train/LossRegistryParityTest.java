package org.pdml.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pdml.config.ConfigLoader;
import org.pdml.config.LossConfig;
import org.pdml.loss.LossFactory;
import org.pdml.loss.NivmfForm;
import org.pdml.loss.Normaliser;
import org.pdml.loss.ProxyLoss;
import org.pdml.util.WireNames;

/**
 * The config's loss enums and the loss package's registries are one list: every config value builds
 * the loss of that name, in the order {@link LossFactory#NAMES} documents, and the mirrored enums
 * ({@code normaliser}, {@code nivmf_form}) map both ways by name.
 */
class LossRegistryParityTest {

    @ParameterizedTest
    @EnumSource(LossConfig.Name.class)
    void everyConfigLossBuildsTheLossOfThatName(LossConfig.Name name) throws Exception {
        String wire = WireNames.value(name);
        LossConfig loss =
                ConfigLoader.load(
                                java.nio.file.Path.of("configs/smoke/folder-tiny.yaml"),
                                List.of("loss.name=" + wire))
                        .config()
                        .loss();
        ProxyLoss built = Losses.fromConfig(loss);
        assertThat(built.getName()).isEqualTo(wire);
        assertThat(LossFactory.NAMES.get(name.ordinal())).isEqualTo(wire);
    }

    @org.junit.jupiter.api.Test
    void theFactoryKnowsNoNameTheConfigCannotSpell() {
        assertThat(LossFactory.NAMES)
                .containsExactlyElementsOf(
                        Arrays.stream(LossConfig.Name.values()).map(WireNames::value).toList());
    }

    @ParameterizedTest
    @EnumSource(LossConfig.Normaliser.class)
    void normalisersMirrorByName(LossConfig.Normaliser n) {
        assertThat(Normaliser.valueOf(n.name()).name()).isEqualTo(n.name());
        assertThat(Normaliser.values()).hasSameSizeAs(LossConfig.Normaliser.values());
    }

    @ParameterizedTest
    @EnumSource(LossConfig.NivmfForm.class)
    void nivmfFormsMirrorByName(LossConfig.NivmfForm f) {
        assertThat(NivmfForm.valueOf(f.name()).name()).isEqualTo(f.name());
        assertThat(NivmfForm.values()).hasSameSizeAs(LossConfig.NivmfForm.values());
    }
}
