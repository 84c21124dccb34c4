package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pdml.config.ConfigLoader;
import org.pdml.config.PdmlConfig;

class RunCommandKanjiTest {

    private static PdmlConfig load(String file) {
        return ConfigLoader.load(Path.of(file), List.of()).config();
    }

    @Test
    void theSmokeConfigRendersItsFiveFontsPinnedAtTheirVersions() {
        PreprocessCommand p = PreprocessNode.command(load("configs/smoke/kanji-fonts-tiny.yaml"));
        assertThat(p.dataset).isEqualTo("kanji-fonts");
        assertThat(p.fonts)
                .containsExactly(
                        "fonts-ipafont-gothic=00303-23",
                        "fonts-ipafont-mincho=00303-23",
                        "fonts-vlgothic=20220612-1",
                        "fonts-horai-umefont=670-5",
                        "fonts-seto=6.20-8");
        assertThat(p.classesPerHalf).isEqualTo(100);
        assertThat(p.renderSize).isEqualTo(64);
    }

    @Test
    void anEmptyFontListMeansEveryPinnedPackage() {
        PreprocessCommand p =
                PreprocessNode.command(load("configs/experiments/kanji-fonts-cpu.yaml"));
        assertThat(p.fonts).hasSize(19).contains("fonts-kiloji=1:2.1.0-25");
        assertThat(p.classesPerHalf).isEqualTo(1000);
    }
}
