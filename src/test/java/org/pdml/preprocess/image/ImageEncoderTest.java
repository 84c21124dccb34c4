package org.pdml.preprocess.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.pdml.preprocess.testing.SyntheticImages;

class ImageEncoderTest {

    @Test
    void pngIsLossless() throws Exception {
        BufferedImage src = SyntheticImages.gradient(40, 30);
        byte[] png = new ImageEncoder(ImageEncoder.Encoding.PNG, 90).encode(src);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                assertThat(back.getRGB(x, y)).isEqualTo(src.getRGB(x, y));
            }
        }
    }

    @Test
    void jpegQualityTradesSizeForError() throws Exception {
        BufferedImage src = SyntheticImages.gradient(64, 64);
        byte[] high = new ImageEncoder(ImageEncoder.Encoding.JPEG, 95).encode(src);
        byte[] low = new ImageEncoder(ImageEncoder.Encoding.JPEG, 10).encode(src);
        assertThat(high[0] & 0xFF).isEqualTo(0xFF);
        assertThat(high[1] & 0xFF).isEqualTo(0xD8);
        assertThat(low.length).isLessThan(high.length);
        assertThat(meanAbsError(src, high)).isLessThan(2.0).isLessThan(meanAbsError(src, low));
    }

    @Test
    void encodingIsDeterministic() {
        BufferedImage src = SyntheticImages.gradient(50, 20);
        ImageEncoder jpeg = new ImageEncoder(ImageEncoder.Encoding.JPEG, 90);
        assertThat(jpeg.encode(src)).isEqualTo(jpeg.encode(src));
    }

    private static double meanAbsError(BufferedImage src, byte[] jpeg) throws Exception {
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(jpeg));
        double sum = 0;
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum +=
                            Math.abs(
                                    (src.getRGB(x, y) >> shift & 0xFF)
                                            - (back.getRGB(x, y) >> shift & 0xFF));
                }
            }
        }
        return sum / (3.0 * src.getWidth() * src.getHeight());
    }
}
