package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pdml.config.ConfigLoader;
import org.pdml.config.ResolvedConfig;
import org.pdml.tracking.RunTracker;

class RunNamesTest {
    private static final Path SMOKE = Path.of("configs/smoke/folder-tiny.yaml");

    private static ResolvedConfig load(String... overrides) {
        return ConfigLoader.load(SMOKE, List.of(overrides));
    }

    @Test
    void aRunIsNamedByConfigLossBackboneAndShortHash() {
        ResolvedConfig c = load();
        assertThat(RunNames.of(c))
                .isEqualTo("smoke-folder:el-nivmf:small-cnn:" + c.hash().substring(0, 7));
        assertThat(RunNames.of(c).split(RunNames.SEPARATOR)).hasSize(4);
    }

    @Test
    void theLossAndBackboneAreSpelledAsInTheConfig() {
        ResolvedConfig c = load("loss.name=proxy-anchor", "model.backbone=resnet18");
        assertThat(RunNames.of(c)).startsWith("smoke-folder:proxy-anchor:resnet18:");
    }

    @Test
    void equalConfigsShareANameAndAnyOtherChangeShowsInTheHash() {
        assertThat(RunNames.of(load("train.epochs=1"))).isEqualTo(RunNames.of(load()));
        String two = RunNames.of(load("train.epochs=2"));
        assertThat(two).startsWith("smoke-folder:el-nivmf:small-cnn:");
        assertThat(two).isNotEqualTo(RunNames.of(load()));
    }

    @Test
    void aChildCarriesItsStageThenTheParentName() {
        assertThat(RunTracker.childName("train", "q:el-nivmf:small-cnn:3f2a91c"))
                .isEqualTo("train @ q:el-nivmf:small-cnn:3f2a91c");
    }

    @Test
    void overridesAreListedInOrderWithSecretsMasked() {
        assertThat(RunNames.overrides(List.of())).isEmpty();
        assertThat(
                        RunNames.overrides(
                                List.of(
                                        "loss.name=proxy-anchor",
                                        "x.api_token=s3cr3t",
                                        "train.device=cpu")))
                .isEqualTo("loss.name=proxy-anchor x.api_token=*** train.device=cpu");
    }
}
