package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pdml.config.ConfigLoader;
import org.pdml.config.DataConfig;
import org.pdml.config.PdmlConfig;
import org.pdml.preprocess.PreprocessRequest;

class RunCommandKanjiTest {

    private static PdmlConfig load(String file) {
        return ConfigLoader.load(Path.of(file), List.of()).config();
    }

    @Test
    void theSmokeConfigRendersItsFiveFontsPinnedAtTheirVersions() {
        PdmlConfig c = load("configs/smoke/kanji-fonts-tiny.yaml");
        PreprocessRequest p = PreprocessRequest.of(c.data(), c.seed());
        assertThat(p.dataset()).isEqualTo(DataConfig.DatasetKind.KANJI_FONTS);
        assertThat(PreprocessRequest.kanjiFonts(c.data()))
                .containsExactly(
                        "fonts-ipafont-gothic=00303-23",
                        "fonts-ipafont-mincho=00303-23",
                        "fonts-vlgothic=20220612-1",
                        "fonts-horai-umefont=670-5",
                        "fonts-seto=6.20-8");
        assertThat(p.kanji().fonts()).hasSize(5);
        assertThat(p.kanji().classesPerHalf()).isEqualTo(100);
        assertThat(p.kanji().renderSize()).isEqualTo(64);
    }

    @Test
    void anEmptyFontListMeansEveryPinnedPackage() {
        PdmlConfig c = load("configs/experiments/kanji-fonts-cpu.yaml");
        assertThat(PreprocessRequest.kanjiFonts(c.data()))
                .hasSize(19)
                .contains("fonts-kiloji=1:2.1.0-25");
        assertThat(PreprocessRequest.of(c.data(), c.seed()).kanji().classesPerHalf())
                .isEqualTo(1000);
    }
}
