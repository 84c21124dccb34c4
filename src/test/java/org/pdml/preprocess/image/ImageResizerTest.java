package org.pdml.preprocess.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.pdml.preprocess.testing.SyntheticImages;

class ImageResizerTest {

    @Test
    void scalesTheShorterSideAndKeepsTheAspectRatio() {
        ImageResizer resizer = new ImageResizer(100);
        BufferedImage landscape = resizer.resize(SyntheticImages.filled(300, 200, 0x123456));
        assertThat(landscape.getWidth()).isEqualTo(150);
        assertThat(landscape.getHeight()).isEqualTo(100);
        BufferedImage portrait = resizer.resize(SyntheticImages.filled(33, 50, 0x123456));
        // 50 * 100 / 33 = 151.5 -> 152
        assertThat(portrait.getWidth()).isEqualTo(100);
        assertThat(portrait.getHeight()).isEqualTo(152);
    }

    @Test
    void keepsAUniformColourExactly() {
        BufferedImage out = new ImageResizer(16).resize(SyntheticImages.filled(200, 160, 0x336699));
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                assertThat(out.getRGB(x, y) & 0xFFFFFF).isEqualTo(0x336699);
            }
        }
    }

    @Test
    void downscalingAveragesAPixelCheckerboardInsteadOfSkippingPixels() {
        BufferedImage board = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                board.setRGB(x, y, (x + y) % 2 == 0 ? 0xFFFFFF : 0);
            }
        }
        BufferedImage out = new ImageResizer(16).resize(board);
        // Area average of equal black and white is 127.5; nearest neighbour would give 0 or 255.
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                assertThat(out.getRGB(x, y) & 0xFF).isBetween(120, 135);
            }
        }
    }

    @Test
    void upscalesSmallImagesAndLeavesExactSizesAlone() {
        ImageResizer resizer = new ImageResizer(40);
        BufferedImage up = resizer.resize(SyntheticImages.filled(10, 20, 0));
        assertThat(up.getWidth()).isEqualTo(40);
        assertThat(up.getHeight()).isEqualTo(80);
        BufferedImage same = SyntheticImages.filled(40, 55, 0);
        assertThat(resizer.resize(same)).isSameAs(same);
    }
}
