package org.pdml.data;

/**
 * Bilinear resampling of a crop to S×S followed by per-channel normalisation, into float CHW.
 * Output pixel (x, y) samples the source at left + (x + ½)·w/S − ½ (half-pixel centres, torch's
 * {@code align_corners=False}), clamped to the image. No antialiasing: this is the training crop,
 * whose shards are already resized near the training size (docs/method.md §3: shorter side 256 for
 * 224 crops). Evaluation resizes with {@link AntialiasedResize} and normalises with {@link
 * #normalise}.
 */
public final class ImageResampler {

    /** ImageNet channel means (R, G, B) on the 0–1 scale. */
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};

    /** ImageNet channel standard deviations (R, G, B) on the 0–1 scale. */
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private final float[] mean;
    private final float[] std;

    /**
     * Creates a resampler normalising channel c as (v/255 − mean[c]) / std[c].
     *
     * @throws IllegalArgumentException unless both have 3 entries and std is positive
     */
    public ImageResampler(float[] mean, float[] std) {
        if (mean.length != 3 || std.length != 3 || !(std[0] > 0 && std[1] > 0 && std[2] > 0)) {
            throw new IllegalArgumentException("need 3 means and 3 positive standard deviations");
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /**
     * Resamples {@code box} of {@code image} to {@code size}×{@code size}.
     *
     * @return normalised samples, CHW: {@code out[c·S·S + y·S + x]}, length 3·S·S
     */
    public float[] resample(RgbImage image, CropBox box, int size) {
        float[] out = new float[3 * size * size];
        double sx = box.width() / size;
        double sy = box.height() / size;
        for (int y = 0; y < size; y++) {
            double srcY = clamp(box.top() + (y + 0.5) * sy - 0.5, image.height() - 1);
            int y0 = (int) Math.floor(srcY);
            int y1 = Math.min(y0 + 1, image.height() - 1);
            double fy = srcY - y0;
            for (int x = 0; x < size; x++) {
                int ox = box.flip() ? size - 1 - x : x;
                double srcX = clamp(box.left() + (x + 0.5) * sx - 0.5, image.width() - 1);
                int x0 = (int) Math.floor(srcX);
                int x1 = Math.min(x0 + 1, image.width() - 1);
                double fx = srcX - x0;
                for (int c = 0; c < 3; c++) {
                    double top = lerp(image.sample(x0, y0, c), image.sample(x1, y0, c), fx);
                    double bottom = lerp(image.sample(x0, y1, c), image.sample(x1, y1, c), fx);
                    double value = lerp(top, bottom, fy) / 255.0;
                    out[c * size * size + y * size + ox] = (float) ((value - mean[c]) / std[c]);
                }
            }
        }
        return out;
    }

    /**
     * Normalises in place, in float32 as torchvision's {@code Normalize} does: channel c of {@code
     * chw} (float CHW, 0–1 scale, 3 equal planes) becomes (v − mean[c]) / std[c].
     *
     * @param chw {@code [3, h, w]}, flattened
     */
    public void normalise(float[] chw) {
        int plane = chw.length / 3;
        for (int c = 0; c < 3; c++) {
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                chw[i] = (chw[i] - mean[c]) / std[c];
            }
        }
    }

    /** Returns the channel means (R, G, B), 0–1 scale. */
    public float[] mean() {
        return mean.clone();
    }

    /** Returns the channel standard deviations (R, G, B), 0–1 scale. */
    public float[] std() {
        return std.clone();
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
