package org.pdml.preprocess.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SvgRasteriserTest {
    /** OpenMoji's 72 × 72 view box: a red left half, a blue disc on the right, the rest empty. */
    static final String SVG =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 72 72\">"
                    + "<rect x=\"0\" y=\"0\" width=\"36\" height=\"72\" fill=\"#FF0000\"/>"
                    + "<circle cx=\"54\" cy=\"36\" r=\"9\" fill=\"#0000FF\"/></svg>";

    @TempDir Path dir;

    @Test
    void scalesTheViewBoxToTheRasterAndKeepsTransparency() throws IOException {
        Path svg = Files.writeString(dir.resolve("a.svg"), SVG);
        BufferedImage img = new SvgRasteriser(64).render(svg);
        assertThat(img.getWidth()).isEqualTo(64);
        assertThat(img.getHeight()).isEqualTo(64);
        // 72 → 64: the red half ends at x = 32, the disc is centred at (48, 32) with radius 8.
        assertThat(img.getRGB(10, 32)).isEqualTo(0xFFFF0000);
        assertThat(img.getRGB(48, 32)).isEqualTo(0xFF0000FF);
        assertThat(img.getRGB(60, 5) >>> 24).isZero();
        assertThat(img.getRGB(48, 50) >>> 24).isZero();
    }

    @Test
    void writesThePngOnceAndRefusesWhatIsNotSvg() throws IOException {
        Path svg = Files.writeString(dir.resolve("a.svg"), SVG);
        Path png = dir.resolve("out/a.png");
        SvgRasteriser r = new SvgRasteriser(32);
        r.renderToPng(svg, png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertThat(back.getWidth()).isEqualTo(32);
        assertThat(back.getRGB(5, 16)).isEqualTo(0xFFFF0000);
        FileTime written = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(png, written);
        r.renderToPng(svg, png);
        assertThat(Files.getLastModifiedTime(png)).isEqualTo(written);
        assertThat(Files.list(png.getParent())).containsExactly(png);

        Path broken = Files.writeString(dir.resolve("b.svg"), "<svg><rect");
        assertThatThrownBy(() -> r.renderToPng(broken, dir.resolve("out/b.png")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(broken.toString());
        assertThat(dir.resolve("out/b.png")).doesNotExist();
        assertThat(Files.list(png.getParent())).containsExactly(png);
    }
}
