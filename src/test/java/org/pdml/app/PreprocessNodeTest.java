package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.extensions.gcp.options.GcsOptions;
import org.junit.jupiter.api.Test;
import org.pdml.config.ConfigLoader;
import org.pdml.config.PdmlConfig;

class PreprocessNodeTest {
    private static PdmlConfig quickstart(String... overrides) {
        return ConfigLoader.load(Path.of("configs", "quickstart.yaml"), List.of(overrides))
                .config();
    }

    @Test
    void dataBeamOptionsReachThePreprocessStagesPipelineOptions() {
        PreprocessCommand plain = PreprocessNode.command(quickstart());
        assertThat(plain.pipelineOptions().as(DirectOptions.class).getTargetParallelism())
                .isEqualTo(Runtime.getRuntime().availableProcessors());

        PreprocessCommand tuned =
                PreprocessNode.command(
                        quickstart(
                                "data.beam=[--targetParallelism=3,"
                                        + "--gcsEndpoint=http://127.0.0.1:4443/storage/v1/]"));
        assertThat(tuned.pipelineOptions().as(DirectOptions.class).getTargetParallelism())
                .isEqualTo(3);
        assertThat(tuned.pipelineOptions().as(GcsOptions.class).getGcsEndpoint())
                .isEqualTo("http://127.0.0.1:4443/storage/v1/");
        assertThat(tuned.params()).containsEntry("data.beam", String.join(" ", tuned.beamArgs));
    }

    @Test
    void minInstancesAndEmojiBackgroundReachThePreprocessCommand() {
        PreprocessCommand p =
                PreprocessNode.command(
                        quickstart(
                                "data.min_instances_per_class=3", "data.emoji.background=#123456"));
        assertThat(p.minInstancesPerClass).isEqualTo(3);
        assertThat(p.request().minInstancesPerClass()).isEqualTo(3);
        assertThat(p.background).isEqualTo("#123456");
        assertThat(p.params())
                .containsEntry("data.min_instances_per_class", "3")
                .containsEntry("data.emoji.background", "#123456");
    }

    @Test
    void aRemoteOutputIsMirroredIntoTheStageFolderAndALocalOneIsUsedWhereItIs() {
        Path stageDir = Path.of("/runs/stages/preprocess/abc");
        assertThat(new PreprocessNode(quickstart("data.output=gs://bucket/ex")).output(stageDir))
                .isEqualTo(stageDir.resolve(PreprocessNode.MIRROR));
        assertThat(new PreprocessNode(quickstart("data.output=/data/ex")).output(stageDir))
                .isEqualTo(Path.of("/data/ex"));
    }

    @Test
    void beamFlagsReplaceConfigOptionsOfTheSameNameAndKeepTheRest() {
        assertThat(
                        PreprocessCommand.withOverrides(
                                List.of("--targetParallelism=3", "--gcsEndpoint=http://a/"),
                                List.of("--targetParallelism=5", "--project=p")))
                .containsExactly("--gcsEndpoint=http://a/", "--targetParallelism=5", "--project=p");
        assertThat(PreprocessCommand.withOverrides(List.of("--x=1"), List.of()))
                .containsExactly("--x=1");
    }
}
