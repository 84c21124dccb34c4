package org.pdml.data;

/**
 * Evaluation preprocessing as torchvision's {@code Resize(R)} (shorter side to R, longer side
 * ⌊R·long/short⌋) then {@code CenterCrop(S)} (offset round((R' − S)/2)) and normalisation, done in
 * one bilinear pass: decoded image → float CHW {@code [3, S, S]}. Deterministic.
 */
public final class EvalTransforms {

    private final int resize;
    private final int crop;
    private final ImageResampler resampler;

    /**
     * Creates the transform.
     *
     * @param resize R, the shorter side after resizing
     * @param crop S ≤ R, the output side
     * @param resampler resampling and normalisation
     * @throws IllegalArgumentException unless 0 &lt; S ≤ R
     */
    public EvalTransforms(int resize, int crop, ImageResampler resampler) {
        if (crop <= 0 || crop > resize) {
            throw new IllegalArgumentException(
                    "need 0 < crop <= resize, got " + crop + ", " + resize);
        }
        this.resize = resize;
        this.crop = crop;
        this.resampler = resampler;
    }

    /**
     * Returns the reference's eval transform (e.g. resize 256, crop 224) with ImageNet statistics.
     */
    public static EvalTransforms imagenetDefaults(int resize, int crop) {
        return new EvalTransforms(
                resize,
                crop,
                new ImageResampler(ImageResampler.IMAGENET_MEAN, ImageResampler.IMAGENET_STD));
    }

    /** Returns float CHW {@code [3, S, S]}, flattened. */
    public float[] apply(RgbImage image) {
        return resampler.resample(image, plan(image.width(), image.height()), crop);
    }

    /** Returns the source-pixel crop equivalent to resize then centre crop (never flipped). */
    public CropBox plan(int width, int height) {
        boolean wide = width >= height;
        int shorter = wide ? height : width;
        int longer = wide ? width : height;
        int resizedLong = (int) ((long) resize * longer / shorter);
        int resizedW = wide ? resizedLong : resize;
        int resizedH = wide ? resize : resizedLong;
        long offX = Math.round((resizedW - crop) / 2.0);
        long offY = Math.round((resizedH - crop) / 2.0);
        double sx = (double) width / resizedW;
        double sy = (double) height / resizedH;
        return new CropBox(offX * sx, offY * sy, crop * sx, crop * sy, false);
    }
}
