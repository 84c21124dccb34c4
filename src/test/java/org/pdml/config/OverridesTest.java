package org.pdml.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OverridesTest {
    private static ResolvedConfig load(String... overrides) {
        return ConfigLoader.parse(ConfigLoaderTest.MINIMAL, "m.yaml", List.of(overrides));
    }

    @Test
    void valuesAreParsedAsTheTargetType() {
        PdmlConfig c =
                load(
                                "train.optimizer.lr=1e-4",
                                "train.epochs=7",
                                "seed=12345678901",
                                "name=123",
                                "model.frozen_bn=false",
                                "loss.name=kl-vmf",
                                "tracking.mode=off")
                        .config();
        assertThat(c.train().optimizer().lr()).isEqualTo(1.0e-4);
        assertThat(c.train().epochs()).isEqualTo(7);
        assertThat(c.seed()).isEqualTo(12345678901L);
        assertThat(c.name()).isEqualTo("123");
        assertThat(c.model().frozenBn()).isFalse();
        assertThat(c.loss().name()).isEqualTo(LossConfig.Name.KL_VMF);
        assertThat(c.tracking().mode()).isEqualTo(TrackingConfig.Mode.OFF);
    }

    @Test
    void listsAcceptBracketsBareCommasAndEmpty() {
        assertThat(load("eval.k_list=[1,5, 10]").config().eval().kList()).containsExactly(1, 5, 10);
        assertThat(load("eval.k_list=1,2").config().eval().kList()).containsExactly(1, 2);
        assertThat(load("data.packages=[]").config().data().packages()).isEmpty();
        assertThat(load().config().data().beam()).isEmpty();
        assertThat(
                        load("data.beam=[--a=1,--gcsEndpoint=http://127.0.0.1:1/x]")
                                .config()
                                .data()
                                .beam())
                .containsExactly("--a=1", "--gcsEndpoint=http://127.0.0.1:1/x");
        var augmentation =
                load("train.augmentation.mean=0.5", "train.augmentation.std=[0.25]")
                        .config()
                        .train()
                        .augmentation();
        assertThat(augmentation.mean()).containsExactly(0.5);
        assertThat(augmentation.std()).containsExactly(0.25);
    }

    @Test
    void laterOverridesWinAndNullClearsOptionalFields() {
        PdmlConfig c =
                load(
                                "train.epochs=3",
                                "train.epochs=4",
                                "tracking.uri=http://x",
                                "tracking.uri=null")
                        .config();
        assertThat(c.train().epochs()).isEqualTo(4);
        assertThat(c.tracking().uri()).isNull();
    }

    @Test
    void unknownKeyFailsWithSuggestion() {
        assertThatThrownBy(() -> load("train.optimiser.lr=1"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "override 'train.optimiser.lr=1': unknown key 'train.optimiser.lr'"
                                + " (did you mean 'train.optimizer.lr'?)");
        assertThatThrownBy(() -> load("nonsense=1"))
                .hasMessage("override 'nonsense=1': unknown key 'nonsense'");
    }

    @Test
    void wrongTypeNamesOverrideKeyAndType() {
        assertThatThrownBy(() -> load("train.epochs=1.5"))
                .hasMessage(
                        "override 'train.epochs=1.5': key 'train.epochs' must be int,"
                                + " got string '1.5'");
        assertThatThrownBy(() -> load("eval.k_list=1,x"))
                .hasMessageContaining("key 'eval.k_list[1]' must be int");
        assertThatThrownBy(() -> load("model.frozen_bn=yes"))
                .hasMessageContaining("key 'model.frozen_bn' must be bool");
        assertThatThrownBy(() -> load("loss.name=foo"))
                .hasMessageContaining("key 'loss.name' must be one of el-nivmf|");
    }

    @Test
    void sectionsNullsOfRequiredKeysAndMalformedOverridesFail() {
        assertThatThrownBy(() -> load("train=3"))
                .hasMessage(
                        "override 'train=3': key 'train' is a section; override one of its keys");
        assertThatThrownBy(() -> load("seed.x=3"))
                .hasMessage("override 'seed.x=3': key 'seed' is not a section");
        assertThatThrownBy(() -> load("train.epochs=null"))
                .hasMessage(
                        "override 'train.epochs=null': key 'train.epochs' is required, not null");
        assertThatThrownBy(() -> load("train.epochs"))
                .hasMessage("override 'train.epochs': expected key=value with a dotted key");
    }

    @Test
    void overridesCanSupplyRequiredKeysAbsentFromTheFile() {
        ResolvedConfig r =
                ConfigLoader.parse(
                        ConfigLoaderTest.MINIMAL.replace("seed: 1\n", ""),
                        "m.yaml",
                        List.of("seed=9"));
        assertThat(r.config().seed()).isEqualTo(9L);
    }

    @Test
    void overriddenValuesAreValidatedAcrossFields() {
        assertThatThrownBy(() -> load("train.batch_size=63"))
                .hasMessageContaining(
                        "key 'train.batch_size' must be divisible by train.samples_per_class (2),"
                                + " got 63");
    }
}
