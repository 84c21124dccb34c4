package org.pdml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pdml.provenance.Seeds;

/**
 * Crop, flip and resize geometry on a synthetic image whose pixels encode their coordinates (R =
 * 4x, G = 5y, B = 100): bilinear interpolation of a linear ramp is exact, so every output pixel has
 * a closed-form value.
 */
class TransformsTest {

    private static final int W = 64;
    private static final int H = 48;
    private static final ImageResampler RAW =
            new ImageResampler(new float[] {0, 0, 0}, new float[] {1, 1, 1});

    private static RgbImage ramp() {
        byte[] rgb = new byte[3 * W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = 3 * (y * W + x);
                rgb[i] = (byte) (4 * x);
                rgb[i + 1] = (byte) (5 * y);
                rgb[i + 2] = (byte) 100;
            }
        }
        return new RgbImage(W, H, rgb);
    }

    private static float at(float[] chw, int size, int c, int x, int y) {
        return chw[c * size * size + y * size + x] * 255f;
    }

    @Test
    void cropAtNativeScaleCopiesPixelsAndFlipMirrors() {
        float[] plain = RAW.resample(ramp(), new CropBox(8, 4, 16, 16, false), 16);
        float[] flipped = RAW.resample(ramp(), new CropBox(8, 4, 16, 16, true), 16);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                assertThat(at(plain, 16, 0, x, y)).isCloseTo(4f * (8 + x), within(1e-3f));
                assertThat(at(plain, 16, 1, x, y)).isCloseTo(5f * (4 + y), within(1e-3f));
                assertThat(at(flipped, 16, 0, x, y)).isCloseTo(4f * (8 + 15 - x), within(1e-3f));
            }
        }
    }

    @Test
    void normalisesWithImagenetStatistics() {
        ImageResampler imagenet =
                new ImageResampler(ImageResampler.IMAGENET_MEAN, ImageResampler.IMAGENET_STD);
        float[] out = imagenet.resample(ramp(), new CropBox(0, 0, 4, 4, false), 4);
        assertThat(out[2 * 16 + 5]).isCloseTo((100f / 255f - 0.406f) / 0.225f, within(1e-5f));
        // R of pixel (1, 1) is 4: (4/255 − 0.485)/0.229.
        assertThat(out[5]).isCloseTo((4f / 255f - 0.485f) / 0.229f, within(1e-5f));
    }

    @Test
    void evalPlansTorchvisionsResizeAndCentreCrop() {
        EvalTransforms eval = new EvalTransforms(32, 32, RAW);
        // Resize(32): 64×48 → 42×32 (⌊32·64/48⌋); CenterCrop(32): left round(10/2) = 5, top 0.
        assertThat(eval.plan(64, 48)).isEqualTo(new EvalTransforms.Plan(42, 32, 5, 0));
        assertThat(eval.plan(48, 64)).isEqualTo(new EvalTransforms.Plan(32, 42, 0, 5));
        // 62×48 → 41×32: offset round(4.5) is 4 in Python (half to even), not 5.
        assertThat(eval.plan(62, 48)).isEqualTo(new EvalTransforms.Plan(41, 32, 4, 0));
        assertThat(eval.plan(66, 48)).isEqualTo(new EvalTransforms.Plan(44, 32, 6, 0));
        assertThat(eval.plan(40, 40)).isEqualTo(new EvalTransforms.Plan(32, 32, 0, 0));
    }

    @Test
    void evalAtTheResizeSizeOnlyCrops() {
        // 64×48 with R = 48: nothing is resized; crop 32 at left 32/2 = 16, top 16/2 = 8.
        float[] out = new EvalTransforms(48, 32, RAW).apply(ramp());
        for (int i = 0; i < 32; i++) {
            assertThat(at(out, 32, 0, i, 3)).isCloseTo(4f * (16 + i), within(1e-3f));
            assertThat(at(out, 32, 1, 3, i)).isCloseTo(5f * (8 + i), within(1e-3f));
        }
    }

    @Test
    void evalHalvingAveragesUnderTheTriangle() {
        // 64×48 → 42×32 is not exact; take 64×48 to 32×24 (R = 24, crop 24, left round(8/2) = 4).
        // Each axis halves: r = 2, output i has c = 2i + 1 and, inside, taps 2i − 1 … 2i + 2 with
        // weights ⅛, ⅜, ⅜, ⅛, so a ramp gives its value at c − ½; output 0 has taps 0, 1, 2 with
        // weights 3/7, 3/7, 1/7, giving 5/7.
        float[] out = new EvalTransforms(24, 24, RAW).apply(ramp());
        for (int i = 1; i < 23; i++) {
            assertThat(at(out, 24, 0, i, 5)).isCloseTo(4f * (2 * (i + 4) + 0.5f), within(1e-3f));
            assertThat(at(out, 24, 1, 5, i)).isCloseTo(5f * (2 * i + 0.5f), within(1e-3f));
        }
        assertThat(at(out, 24, 1, 5, 0)).isCloseTo(5f * 5 / 7, within(1e-3f));
    }

    @Test
    void evalNormalisesInFloat32() {
        float[] out = EvalTransforms.imagenetDefaults(48, 32).apply(ramp());
        // B is 100 everywhere: (100/255 − 0.406)/0.225 in float32.
        assertThat(out[2 * 32 * 32 + 7]).isEqualTo((100f / 255f - 0.406f) / 0.225f);
    }

    @Test
    void randomResizedCropRespectsRangesAndFlipsHalfTheTime() {
        TrainTransforms train = TrainTransforms.imagenetDefaults(32);
        int flips = 0;
        for (long seed = 0; seed < 400; seed++) {
            CropBox box =
                    train.plan(W, H, new Seeds(9).seed(Seeds.Purpose.AUGMENTATION, 0, 0, seed));
            assertThat(box.left()).isBetween(0.0, W - box.width());
            assertThat(box.top()).isBetween(0.0, H - box.height());
            double area = box.width() * box.height() / (W * H);
            double aspect = box.width() / box.height();
            // Rounding w and h to pixels widens the bounds slightly at this size.
            assertThat(area).isBetween(0.06, 1.0);
            assertThat(aspect).isBetween(0.75 * 0.85, 4.0 / 3 / 0.85);
            flips += box.flip() ? 1 : 0;
        }
        assertThat(flips).isBetween(160, 240);
    }

    @Test
    void flipProbabilityIsTheConfiguredOne() {
        double[] scale = {0.5, 1};
        double[] ratio = {0.75, 4.0 / 3};
        TrainTransforms never = new TrainTransforms(24, scale, ratio, 0.0, RAW);
        TrainTransforms always = new TrainTransforms(24, scale, ratio, 1.0, RAW);
        for (int i = 0; i < 200; i++) {
            long seed = new Seeds(7).seed(Seeds.Purpose.AUGMENTATION, i);
            assertThat(never.plan(W, H, seed).flip()).isFalse();
            assertThat(always.plan(W, H, seed).flip()).isTrue();
        }
        assertThatThrownBy(() -> new TrainTransforms(24, scale, ratio, 1.5, RAW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flip probability");
    }

    @Test
    void trainOutputFollowsItsPlanAndIsDeterministicPerSeed() {
        TrainTransforms train =
                new TrainTransforms(24, new double[] {0.2, 0.9}, new double[] {0.5, 2}, RAW);
        long seed = new Seeds(1).seed(Seeds.Purpose.AUGMENTATION, 2, 3, 4);
        CropBox box = train.plan(W, H, seed);
        float[] out = train.apply(ramp(), seed);
        assertThat(train.apply(ramp(), seed)).isEqualTo(out);
        assertThat(train.apply(ramp(), new Seeds(1).seed(Seeds.Purpose.AUGMENTATION, 2, 3, 5)))
                .isNotEqualTo(out);
        for (int x = 0; x < 24; x++) {
            double srcX = box.left() + (x + 0.5) * box.width() / 24 - 0.5;
            srcX = Math.max(0, Math.min(W - 1, srcX));
            int col = box.flip() ? 23 - x : x;
            assertThat((double) at(out, 24, 0, col, 3)).isCloseTo(4 * srcX, within(1e-3));
        }
    }
}
