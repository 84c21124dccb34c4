package org.pdml.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigValidatorTest {
    private static ResolvedConfig load(String... overrides) {
        return ConfigLoader.parse(ConfigLoaderTest.MINIMAL, "v.yaml", List.of(overrides));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "train.batch_size=65 | key 'train.batch_size' must be divisible by"
                        + " train.samples_per_class (2), got 65",
                "loss.temperature.init=0 | key 'loss.temperature.init' must be > 0, got 0",
                "data.val_fraction=1.0 | key 'data.val_fraction' must be in [0, 1), got 1.0",
                "eval.k_list=[1,0] | key 'eval.k_list' must hold positive values, got [1, 0]",
                "eval.k_list=[4,2] | key 'eval.k_list' must be strictly increasing, got [4, 2]",
                "eval.k_list=[] | key 'eval.k_list' must not be empty",
                "name=a/b | key 'name' must match",
                "model.embedding_dim=1 | key 'model.embedding_dim' must be >= 2, got 1",
                "model.pool_grid=0 | key 'model.pool_grid' must be >= 1, got 0",
                "model.pool_grid=2 | key 'model.pool_grid' is only used by backbone small-cnn",
                "model.backbone=torchscript | key 'model.torchscript_path' is required",
                "model.torchscript_path=x.pt | key 'model.torchscript_path' is only used",
                "loss.kappa_min=20 | key 'loss.kappa_min' must be <= loss.kappa_init",
                "loss.warmup_epochs=3 | key 'loss.warmup_epochs' must be in [0, 2], got 3",
                "loss.subsample_p=0 | key 'loss.subsample_p' must be in (0, 1], got 0.0",
                "data.jpeg_quality=0 | key 'data.jpeg_quality' must be in [1, 100], got 0",
                "data.max_aspect=0.5 | key 'data.max_aspect' must be >= 1, got 0.5",
                "data.packages=foo | entries must be 'name@version' (npm) or 'name=version'",
                "data.beam=[targetParallelism=3] | key 'data.beam' entries must be '--name=value'",
                "data.beam=[--runner=DataflowRunner] | Beam options (the runner is data.runner)",
                "data.emoji.vendors=[google,apple] | names 'apple', whose art is not licensed",
                "data.emoji.vendors=[gogle] | has unknown vendor 'gogle'",
                "data.emoji.background=white | key 'data.emoji.background' must be #RRGGBB",
                "train.optimizer.momentum=1 | key 'train.optimizer.momentum' must be in [0, 1)",
                "train.device=gpu | key 'train.device' must be auto, cpu, cuda or cuda:N",
                "train.optimizer.lr_multipliers.proxy=-1 | key"
                        + " 'train.optimizer.lr_multipliers.proxy' must be >= 0, got -1",
                "train.schedule.milestones=[1] | key 'train.schedule.milestones' is only used by"
                        + " schedule type multistep",
                "train.augmentation.flip_prob=1.5 | key 'train.augmentation.flip_prob' must be in"
                        + " [0, 1], got 1.5",
                "train.augmentation.std=[1,0,1] | key 'train.augmentation.std' must hold values > 0",
                "train.augmentation.mean=[0.5,0.5] | key 'train.augmentation.mean' must hold 1 or 3",
                "train.augmentation.random_resized_crop.scale=[0.5,0.2] | key"
                        + " 'train.augmentation.random_resized_crop.scale' must be [min, max]",
                "train.augmentation.center_crop=300 | key 'train.augmentation.center_crop' must be"
                        + " <= train.augmentation.resize (256), got 300",
            })
    void ruleViolationNamesTheKey(String override, String expected) {
        assertThatThrownBy(() -> load(override))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("v.yaml: invalid config:")
                .hasMessageContaining(expected);
    }

    @Test
    void multistepMilestonesMustBeIncreasingEpochsWithinTheRun() {
        String multistep = "train.schedule.type=multistep";
        assertThatThrownBy(
                        () -> load(multistep, "train.epochs=10", "train.schedule.milestones=[5,5]"))
                .hasMessageContaining(
                        "key 'train.schedule.milestones' must be strictly increasing");
        assertThatThrownBy(
                        () -> load(multistep, "train.epochs=10", "train.schedule.milestones=[11]"))
                .hasMessageContaining("must be epochs in [1, train.epochs=10], got [11]");
        assertThatThrownBy(() -> load(multistep))
                .hasMessageContaining("must not be empty for multistep");
        assertThat(load(multistep, "train.epochs=10", "train.schedule.milestones=[3,7]").config())
                .isNotNull();
    }

    @Test
    void zeroEpochsIsTheUntrainedBaselineAndKeepsTheRecipesMilestones() {
        String multistep = "train.schedule.type=multistep";
        assertThat(load(multistep, "train.epochs=0", "train.schedule.milestones=[3,7]").config())
                .isNotNull();
        assertThatThrownBy(
                        () -> load(multistep, "train.epochs=-1", "train.schedule.milestones=[3]"))
                .hasMessageContaining("key 'train.epochs' must be >= 0, got -1")
                // the negative count is reported once, on its own key, not again on the warm-up
                .hasMessageNotContaining("loss.warmup_epochs");
        assertThatThrownBy(() -> load(multistep, "train.epochs=0", "train.schedule.milestones=[0]"))
                .hasMessageContaining("must be epochs in [1, train.epochs=0], got [0]");
    }

    @Test
    void allViolationsAreReportedTogether() {
        assertThatThrownBy(() -> load("train.batch_size=65", "loss.temperature.init=-1"))
                .hasMessageContaining("train.batch_size")
                .hasMessageContaining("loss.temperature.init");
    }

    @Test
    void privateVendorsAreAllowedWithExplicitFlagAndPretrainedNeedsAFile() {
        assertThat(
                        load("data.emoji.vendors=[google,apple]", "data.private_sources=true")
                                .config()
                                .data()
                                .emoji()
                                .vendors())
                .containsExactly("google", "apple");
        assertThatThrownBy(() -> load("model.backbone=torchscript"))
                .hasMessageContaining("key 'model.torchscript_path' is required");
        assertThatThrownBy(() -> load("model.pretrained=true"))
                .hasMessageContaining("key 'model.pretrained' was removed")
                .hasMessageContaining("model.backbone: torchscript");
    }
}
