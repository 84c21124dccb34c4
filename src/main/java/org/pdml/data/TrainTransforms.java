package org.pdml.data;

import java.util.SplittableRandom;

/**
 * Training augmentation as torchvision's {@code RandomResizedCrop(S, scale, ratio)} followed by
 * {@code RandomHorizontalFlip(0.5)} and normalisation: decoded image → float CHW {@code [3, S, S]}.
 * All randomness comes from one per-sample seed, in training the run's augmentation stream at
 * (epoch, batch, position) ({@link
 * org.pdml.provenance.Seeds#seed(org.pdml.provenance.Seeds.Purpose, long...)}), so a sample's
 * augmentation is reproducible in isolation.
 */
public final class TrainTransforms {

    private final int size;
    private final double scaleMin;
    private final double scaleMax;
    private final double logRatioMin;
    private final double logRatioMax;
    private final ImageResampler resampler;
    private final double flipProb;

    /**
     * Creates the transform.
     *
     * @param size output side S
     * @param scale crop area fraction range [min, max], torchvision default (0.08, 1)
     * @param ratio crop aspect (w/h) range [min, max], torchvision default (3/4, 4/3)
     * @param resampler resampling and normalisation
     * @throws IllegalArgumentException if a range is empty or out of bounds
     */
    public TrainTransforms(int size, double[] scale, double[] ratio, ImageResampler resampler) {
        this(size, scale, ratio, 0.5, resampler);
    }

    /**
     * Creates the transform with a horizontal flip probability.
     *
     * @param size output side S
     * @param scale crop area fraction range [min, max]
     * @param ratio crop aspect (w/h) range [min, max]
     * @param flipProb probability of a horizontal flip, in [0, 1]
     * @param resampler resampling and normalisation
     * @throws IllegalArgumentException if a range is empty or out of bounds
     */
    public TrainTransforms(
            int size, double[] scale, double[] ratio, double flipProb, ImageResampler resampler) {
        if (!(0 <= flipProb && flipProb <= 1)) {
            throw new IllegalArgumentException("need 0 <= flip probability <= 1, got " + flipProb);
        }
        this.flipProb = flipProb;
        if (size <= 0
                || !(0 < scale[0] && scale[0] <= scale[1] && scale[1] <= 1)
                || !(0 < ratio[0] && ratio[0] <= ratio[1])) {
            throw new IllegalArgumentException(
                    "need size > 0, 0 < scale min <= max <= 1 and 0 < ratio min <= max");
        }
        this.size = size;
        this.scaleMin = scale[0];
        this.scaleMax = scale[1];
        this.logRatioMin = Math.log(ratio[0]);
        this.logRatioMax = Math.log(ratio[1]);
        this.resampler = resampler;
    }

    /** Returns torchvision's defaults at output side {@code size}, ImageNet normalisation. */
    public static TrainTransforms imagenetDefaults(int size) {
        return new TrainTransforms(
                size,
                new double[] {0.08, 1.0},
                new double[] {3.0 / 4, 4.0 / 3},
                new ImageResampler(ImageResampler.IMAGENET_MEAN, ImageResampler.IMAGENET_STD));
    }

    /**
     * Applies crop, flip and normalisation.
     *
     * @param image the decoded image
     * @param sampleSeed the sample's seed
     * @return float CHW {@code [3, S, S]}, flattened
     */
    public float[] apply(RgbImage image, long sampleSeed) {
        return resampler.resample(image, plan(image.width(), image.height(), sampleSeed), size);
    }

    /**
     * Returns the crop and flip {@link #apply} uses for an image of this size and seed:
     * torchvision's 10 attempts at area ∈ scale·W·H, log-uniform aspect, then the central fallback;
     * flip with the configured probability (½ by default).
     */
    public CropBox plan(int width, int height, long sampleSeed) {
        SplittableRandom random = new SplittableRandom(sampleSeed);
        double area = (double) width * height;
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * uniform(random, scaleMin, scaleMax);
            double aspect = Math.exp(uniform(random, logRatioMin, logRatioMax));
            long w = Math.round(Math.sqrt(target * aspect));
            long h = Math.round(Math.sqrt(target / aspect));
            if (0 < w && w <= width && 0 < h && h <= height) {
                int top = random.nextInt((int) (height - h + 1));
                int left = random.nextInt((int) (width - w + 1));
                return new CropBox(left, top, w, h, random.nextDouble() < flipProb);
            }
        }
        return fallback(width, height, random.nextDouble() < flipProb);
    }

    private CropBox fallback(int width, int height, boolean flip) {
        double inRatio = (double) width / height;
        double ratioMin = Math.exp(logRatioMin);
        double ratioMax = Math.exp(logRatioMax);
        long w = width;
        long h = height;
        if (inRatio < ratioMin) {
            h = Math.round(w / ratioMin);
        } else if (inRatio > ratioMax) {
            w = Math.round(h * ratioMax);
        }
        return new CropBox((width - w) / 2, (height - h) / 2, w, h, flip);
    }

    private static double uniform(SplittableRandom random, double lo, double hi) {
        return lo == hi ? lo : lo + (hi - lo) * random.nextDouble();
    }
}
