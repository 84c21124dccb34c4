package org.pdml.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pdml.config.ConfigLoader;
import org.pdml.config.PdmlConfig;
import org.pdml.provenance.Seeds;

class PreprocessNodeTest {
    private static PdmlConfig quickstart(String... overrides) {
        return ConfigLoader.load(Path.of("configs", "quickstart.yaml"), List.of(overrides))
                .config();
    }

    @Test
    void aRemoteOutputIsMirroredIntoTheStageFolderAndALocalOneIsUsedWhereItIs() {
        Path stageDir = Path.of("/runs/stages/preprocess/abc");
        assertThat(node(quickstart("data.output=gs://bucket/ex")).output(stageDir))
                .isEqualTo(stageDir.resolve(PreprocessNode.MIRROR));
        assertThat(node(quickstart("data.output=/data/ex")).output(stageDir))
                .isEqualTo(Path.of("/data/ex"));
    }

    private static PreprocessNode node(PdmlConfig config) {
        return new PreprocessNode(config, new Seeds(config.seed()));
    }
}
