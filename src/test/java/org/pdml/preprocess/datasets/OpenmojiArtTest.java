package org.pdml.preprocess.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenmojiArtTest {
    @TempDir Path dir;

    @Test
    void rasterisesTheBaseEmojiOnlyJoiningOnKeysWithoutFe0f() throws IOException {
        Path svgDir = Files.createDirectories(dir.resolve("svg"));
        Files.writeString(svgDir.resolve("1F600.svg"), SvgRasteriserTest.SVG);
        Files.writeString(svgDir.resolve("0023-FE0F-20E3.svg"), SvgRasteriserTest.SVG);
        Files.writeString(svgDir.resolve("E000.svg"), SvgRasteriserTest.SVG); // not a base emoji
        Files.writeString(svgDir.resolve("1F601.svg"), "not an svg"); // base, but unreadable
        Files.writeString(svgDir.resolve("README.txt"), "x");
        List<String> lines = new ArrayList<>();
        Path pngDir = dir.resolve("png64");

        Map<String, Path> pngs =
                OpenmojiArt.pngFiles(
                        svgDir, pngDir, Set.of("1f600", "0023-20e3", "1f601"), lines::add);

        assertThat(pngs)
                .containsOnlyKeys("1f600", "0023-20e3")
                .containsEntry("1f600", pngDir.resolve("1F600.png"))
                .containsEntry("0023-20e3", pngDir.resolve("0023-FE0F-20E3.png"));
        assertThat(ImageIO.read(pngs.get("1f600").toFile()).getWidth()).isEqualTo(64);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("rasterising 3 of 3 OpenMoji SVGs at 64 px");
        assertThat(lines.get(1))
                .startsWith("1 OpenMoji SVGs could not be rasterised")
                .contains("1F601.svg");

        lines.clear();
        OpenmojiArt.pngFiles(svgDir, pngDir, Set.of("1f600", "0023-20e3"), lines::add);
        assertThat(lines).isEmpty(); // cached: nothing rasterised again
    }
}
