package org.pdml.preprocess.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KanjiFontTest {

    @Test
    void parsesNamesAndVerifiedPins() {
        assertThat(KanjiFont.parse("fonts-seto")).isEqualTo(KanjiFont.SETO);
        assertThat(KanjiFont.parse("fonts-kiloji=1:2.1.0-25")).isEqualTo(KanjiFont.KILOJI);
    }

    @Test
    void refusesOtherVersionsUnknownNamesAndTheMetapackage() {
        assertThatThrownBy(() -> KanjiFont.parse("fonts-seto=6.20-9"))
                .hasMessageContaining("6.20-9")
                .hasMessageContaining("6.20-8");
        assertThatThrownBy(() -> KanjiFont.parse("fonts-noto-cjk"))
                .hasMessageContaining("fonts-noto-cjk")
                .hasMessageContaining("fonts-ipafont-gothic");
        assertThatThrownBy(() -> KanjiFont.parse("fonts-yozvox-yozfont=14.04-2"))
                .hasMessageContaining("metapackage");
    }

    @Test
    void nineteenDistinctPackagesArePinned() {
        assertThat(KanjiFont.values()).hasSize(19);
        assertThat(List.of(KanjiFont.values()).stream().map(KanjiFont::packageName).distinct())
                .hasSize(19);
    }

    @Test
    void configNeedsTwoDistinctFontsAndSaneSizes() {
        assertThatThrownBy(() -> new KanjiFonts.Config(List.of(KanjiFont.SETO), 64, 0))
                .hasMessageContaining("two distinct");
        assertThatThrownBy(
                        () -> new KanjiFonts.Config(List.of(KanjiFont.SETO, KanjiFont.SETO), 64, 0))
                .hasMessageContaining("two distinct");
        assertThatThrownBy(
                        () ->
                                new KanjiFonts.Config(
                                        List.of(KanjiFont.SETO, KanjiFont.KONATU), 4, 0))
                .hasMessageContaining(">= 8");
    }
}
