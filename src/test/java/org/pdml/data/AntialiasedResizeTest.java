package org.pdml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The antialiased bilinear taps against hand-computed cases (triangle weights normalised by their
 * sum, support scaled by the downscale factor), plain bilinear for upscaling, and exact copies when
 * a side keeps its length. Parity with torch itself is PortableEmbeddingsIT's.
 */
class AntialiasedResizeTest {

    private static float[] weightsOf(AntialiasedResize.Axis axis, int o) {
        int base = o * axis.stride();
        return Arrays.copyOfRange(axis.weights(), base, base + axis.count()[o]);
    }

    @Test
    void halvingAveragesUnderATriangleTwoPixelsWide() {
        // n = 4, m = 2: s = r = 2. Output 0: c = 1, taps 0..2, raw tri((j − 1 + ½)/2) = ¾, ¾, ¼
        // (sum 7/4); output 1: c = 3, taps 1..3, raw ¼, ¾, ¾.
        AntialiasedResize.Axis axis = AntialiasedResize.axis(4, 2, 0, 2);
        assertThat(axis.stride()).isEqualTo(5);
        assertThat(axis.first()).containsExactly(0, 1);
        assertThat(weightsOf(axis, 0))
                .containsExactly(new float[] {3f / 7, 3f / 7, 1f / 7}, within(1e-7f));
        assertThat(weightsOf(axis, 1))
                .containsExactly(new float[] {1f / 7, 3f / 7, 3f / 7}, within(1e-7f));
    }

    @Test
    void doublingIsBilinearWithHalfPixelCentresClampedAtTheEdges() {
        // n = 2, m = 4: r = 1, c = (i + ½)/2; source i/2 − ¼ is clamped to [0, 1].
        AntialiasedResize.Axis axis = AntialiasedResize.axis(2, 4, 0, 4);
        assertThat(axis.first()).containsExactly(0, 0, 0, 1);
        assertThat(weightsOf(axis, 0)).containsExactly(1f);
        assertThat(weightsOf(axis, 1)).containsExactly(0.75f, 0.25f);
        assertThat(weightsOf(axis, 2)).containsExactly(0.25f, 0.75f);
        assertThat(weightsOf(axis, 3)).containsExactly(1f);
    }

    @Test
    void aWindowHasTheFullAxissTaps() {
        AntialiasedResize.Axis full = AntialiasedResize.axis(97, 31, 0, 31);
        AntialiasedResize.Axis window = AntialiasedResize.axis(97, 31, 9, 12);
        for (int o = 0; o < 12; o++) {
            assertThat(window.first()[o]).isEqualTo(full.first()[o + 9]);
            assertThat(weightsOf(window, o)).containsExactly(weightsOf(full, o + 9));
        }
    }

    @Test
    void weightsSumToOneAndAnUnchangedSideIsCopied() {
        for (int[] nm : new int[][] {{97, 31}, {31, 97}, {250, 32}, {7, 3}}) {
            AntialiasedResize.Axis axis = AntialiasedResize.axis(nm[0], nm[1], 0, nm[1]);
            for (int o = 0; o < nm[1]; o++) {
                float sum = 0;
                for (float w : weightsOf(axis, o)) {
                    sum += w;
                }
                assertThat(sum).isCloseTo(1f, within(1e-6f));
            }
        }
        RgbImage image = random(13, 9, 3L);
        float[] copy =
                AntialiasedResize.resize(
                        image,
                        AntialiasedResize.axis(13, 13, 0, 13),
                        AntialiasedResize.axis(9, 9, 0, 9));
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 9; y++) {
                for (int x = 0; x < 13; x++) {
                    assertThat(copy[(c * 9 + y) * 13 + x]).isEqualTo(image.sample(x, y, c) / 255f);
                }
            }
        }
    }

    @Test
    void upscalingEqualsPlainBilinear() {
        ImageResampler raw = new ImageResampler(new float[] {0, 0, 0}, new float[] {1, 1, 1});
        RgbImage image = random(11, 11, 5L);
        float[] bilinear = raw.resample(image, new CropBox(0, 0, 11, 11, false), 29);
        float[] aa =
                AntialiasedResize.resize(
                        image,
                        AntialiasedResize.axis(11, 29, 0, 29),
                        AntialiasedResize.axis(11, 29, 0, 29));
        assertThat(aa).containsExactly(bilinear, within(1e-6f));
    }

    @Test
    void refusesAWindowOutsideTheOutput() {
        assertThatThrownBy(() -> AntialiasedResize.axis(10, 5, 3, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from=3");
    }

    private static RgbImage random(int w, int h, long seed) {
        byte[] rgb = new byte[3 * w * h];
        new Random(seed).nextBytes(rgb);
        return new RgbImage(w, h, rgb);
    }
}
