package org.pdml.preprocess.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pdml.preprocess.testing.OddImages;
import org.pdml.preprocess.testing.SyntheticImages;

class ImageDecoderTest {
    private static final int WHITE = 0xFFFFFF;
    private final ImageDecoder decoder = new ImageDecoder(10_000_000L, 0, WHITE);

    private static int[] rgb(BufferedImage img, int x, int y) {
        int p = img.getRGB(x, y);
        return new int[] {p >> 16 & 0xFF, p >> 8 & 0xFF, p & 0xFF};
    }

    @Test
    void decodesRgbJpegCloseToTheSourcePixels() throws Exception {
        BufferedImage src = SyntheticImages.gradient(32, 24);
        BufferedImage img = decoder.decode(SyntheticImages.write(src, "jpeg"), "a.jpg");
        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(img.getWidth()).isEqualTo(32);
        assertThat(img.getHeight()).isEqualTo(24);
        // JPEG at default quality 75: a smooth gradient stays within a few levels.
        assertThat(rgb(img, 10, 10)[0]).isCloseTo(40, within(8));
        assertThat(rgb(img, 10, 10)[1]).isCloseTo(40, within(8));
        assertThat(rgb(img, 10, 10)[2]).isCloseTo(77, within(8));
    }

    @Test
    void decodesAdobeCmykAndYcckJpeg() throws Exception {
        for (boolean ycck : new boolean[] {false, true}) {
            BufferedImage img =
                    decoder.decode(SyntheticImages.adobeCmykJpeg(ycck), "cmyk" + ycck + ".jpg");
            int[] cyan = rgb(img, 2, 8);
            int[] white = rgb(img, 13, 8);
            // No ink is paper white; full cyan ink absorbs red and leaves green/blue.
            assertThat(Arrays.stream(white).min().getAsInt()).isGreaterThan(235);
            assertThat(cyan[0]).as("red under cyan ink, ycck=%s", ycck).isLessThan(80);
            assertThat(cyan[2]).as("blue under cyan ink, ycck=%s", ycck).isGreaterThan(170);
        }
    }

    @Test
    void mapsEightAndSixteenBitGreyByRescalingNotLinearConversion() throws Exception {
        BufferedImage g8 =
                decoder.decode(
                        SyntheticImages.write(SyntheticImages.grey8(4, 4, 100), "png"), "g.png");
        assertThat(rgb(g8, 1, 1)).containsExactly(100, 100, 100);
        // 100 * 257 is the 16-bit encoding of 8-bit level 100.
        BufferedImage g16 = decoder.decode(SyntheticImages.grey16Png(4, 4, 100 * 257), "g16.png");
        assertThat(rgb(g16, 2, 3)).containsExactly(100, 100, 100);
    }

    @Test
    void compositesPaletteAlphaOntoTheBackground() throws Exception {
        BufferedImage img = decoder.decode(SyntheticImages.paletteAlphaPng(), "p.png");
        assertThat(rgb(img, 1, 1)).containsExactly(255, 255, 255);
        assertThat(rgb(img, 5, 1)).containsExactly(255, 0, 0);
        // alpha 128/255 blue over white: r = g = 255 * (1 - 128/255) = 127, b = 255.
        int[] half = rgb(img, 9, 1);
        assertThat(half[0]).isCloseTo(127, within(1));
        assertThat(half[1]).isCloseTo(127, within(1));
        assertThat(half[2]).isEqualTo(255);
    }

    @Test
    void takesTheFirstFrameOfAGif() throws Exception {
        BufferedImage img = decoder.decode(SyntheticImages.twoFrameGif(), "anim.gif");
        assertThat(rgb(img, 3, 3)).containsExactly(255, 0, 0);
    }

    @Test
    void subsamplesLargeSourcesDuringDecode() throws Exception {
        ImageDecoder sub = new ImageDecoder(10_000_000L, 16, WHITE);
        byte[] png = SyntheticImages.write(SyntheticImages.gradient(256, 128), "png");
        BufferedImage img = sub.decode(png, "big.png");
        // shorter side 128 >= 2 * 16 * 4, so every 4th pixel is read: 64 x 32.
        assertThat(img.getWidth()).isEqualTo(64);
        assertThat(img.getHeight()).isEqualTo(32);
        assertThat(rgb(img, 5, 0)[0]).isEqualTo(4 * 20);
    }

    @Test
    void refusesEachBadInputWithItsReason() {
        byte[] jpeg = SyntheticImages.write(SyntheticImages.gradient(64, 64), "jpeg");
        byte[] png = SyntheticImages.write(SyntheticImages.gradient(64, 64), "png");
        byte[] corrupt = jpeg.clone();
        Arrays.fill(corrupt, 200, 260, (byte) 0xFF);
        assertReject(new byte[0], "empty.jpg", RejectReason.EMPTY_FILE);
        assertReject("hello, world".getBytes(), "notes.jpg", RejectReason.NOT_AN_IMAGE);
        assertReject(png, "actually-png.jpg", RejectReason.WRONG_EXTENSION);
        assertReject(Arrays.copyOf(jpeg, jpeg.length / 2), "half.jpg", RejectReason.TRUNCATED);
        assertReject(Arrays.copyOf(png, png.length / 2), "half.png", RejectReason.TRUNCATED);
        assertReject(corrupt, "corrupt.jpg", RejectReason.CORRUPT);
        assertReject(
                SyntheticImages.bombPng(100_000, 100_000),
                "bomb.png",
                RejectReason.TOO_MANY_PIXELS);
    }

    @Test
    void pixelLimitIsInclusive() throws Exception {
        ImageDecoder tight = new ImageDecoder(64 * 64, 0, WHITE);
        byte[] png = SyntheticImages.write(SyntheticImages.gradient(64, 64), "png");
        assertThat(tight.decode(png, "ok.png").getWidth()).isEqualTo(64);
        byte[] bigger = SyntheticImages.write(SyntheticImages.gradient(65, 64), "png");
        assertThatThrownBy(() -> tight.decode(bigger, "big.png"))
                .isInstanceOfSatisfying(
                        RejectedImageException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.TOO_MANY_PIXELS));
    }

    @Test
    void refusesAThinImageFromItsHeaderAsExtremeAspect() throws Exception {
        byte[] thin = OddImages.png(1, 70_000);
        ImageDecoder capped = new ImageDecoder(10_000_000L, 20, 32, WHITE);
        assertThatThrownBy(() -> capped.decode(thin, "thin.png"))
                .isInstanceOfSatisfying(
                        RejectedImageException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.EXTREME_ASPECT))
                .hasMessageContaining("thin.png")
                .hasMessageContaining("1 x 70000");
        // Without an aspect cap, the size it would be resized to is still bounded.
        ImageDecoder uncapped = new ImageDecoder(10_000_000L, 32, WHITE);
        assertThatThrownBy(() -> uncapped.decode(thin, "thin.png"))
                .isInstanceOfSatisfying(
                        RejectedImageException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.EXTREME_ASPECT))
                .hasMessageContaining("2240000 px long");
        ImageDecoder lenient = new ImageDecoder(10_000_000L, 20, 32, WHITE);
        assertThat(lenient.decode(OddImages.png(20, 400), "ok.png").getHeight()).isEqualTo(400);
    }

    @Test
    void turnsAnOrientationSixJpegUpright() throws Exception {
        // Stored 40 x 20, red left, blue right; orientation 6 shows it rotated 90° clockwise.
        BufferedImage img = decoder.decode(OddImages.exifJpeg(40, 20, 6), "phone.jpg");
        assertThat(img.getWidth()).isEqualTo(20);
        assertThat(img.getHeight()).isEqualTo(40);
        assertThat(rgb(img, 10, 5)[0]).as("top is red").isGreaterThan(200);
        assertThat(rgb(img, 10, 34)[2]).as("bottom is blue").isGreaterThan(200);
        BufferedImage plain = decoder.decode(OddImages.exifJpeg(40, 20, 1), "plain.jpg");
        assertThat(plain.getWidth()).isEqualTo(40);
    }

    @Test
    void acceptsDataAfterAJpegsEndAndANewlineAfterAGif() throws Exception {
        BufferedImage motion = decoder.decode(OddImages.jpegWithTrailer(4096), "motion.jpg");
        assertThat(motion.getWidth()).isEqualTo(40);
        BufferedImage gif = decoder.decode(OddImages.gifWithNewline(), "nl.gif");
        assertThat(rgb(gif, 3, 3)).containsExactly(255, 0, 0);
        // A JPEG cut inside its scan data is still truncated, whatever follows the cut.
        byte[] jpeg = SyntheticImages.write(SyntheticImages.gradient(64, 64), "jpeg");
        assertReject(Arrays.copyOf(jpeg, jpeg.length - 40), "cut.jpg", RejectReason.TRUNCATED);
    }

    private void assertReject(byte[] bytes, String name, RejectReason reason) {
        assertThatThrownBy(() -> decoder.decode(bytes, name))
                .as(name)
                .isInstanceOfSatisfying(
                        RejectedImageException.class,
                        e -> {
                            assertThat(e.reason()).as(name).isEqualTo(reason);
                            assertThat(e.getMessage()).contains(name);
                        });
    }
}
