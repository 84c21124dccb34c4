package org.pdml.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluation preprocessing, exactly torchvision's tensor pipeline {@code x = uint8 CHW / 255},
 * {@code Resize(R, antialias=True)} (bilinear; shorter side to R, longer side ⌊R·long/short⌋),
 * {@code CenterCrop(S)} (offset {@code int(round((R' − S) / 2.0))}, Python's round half to even)
 * and {@code Normalize(mean, std)}: decoded image → float CHW {@code [3, S, S]}. Only the cropped
 * window is computed ({@link AntialiasedResize}), which gives the same numbers as resizing the
 * whole image and cropping. {@link #recipe} describes the same steps for the model card.
 * Deterministic.
 */
public final class EvalTransforms {

    private final int resize;
    private final int crop;
    private final ImageResampler resampler;

    /**
     * The resized size and the crop's offset in it.
     *
     * @param width resized width W'
     * @param height resized height H'
     * @param left first cropped column of the resized image
     * @param top first cropped row of the resized image
     */
    public record Plan(int width, int height, int left, int top) {}

    /**
     * Creates the transform.
     *
     * @param resize R, the shorter side after resizing
     * @param crop S ≤ R, the output side
     * @param resampler its normalisation (mean, std) is applied
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

    /** Returns float CHW {@code [3, S, S]}, flattened, normalised. */
    public float[] apply(RgbImage image) {
        Plan p = plan(image.width(), image.height());
        float[] out =
                AntialiasedResize.resize(
                        image,
                        AntialiasedResize.axis(image.width(), p.width(), p.left(), crop),
                        AntialiasedResize.axis(image.height(), p.height(), p.top(), crop));
        resampler.normalise(out);
        return out;
    }

    /**
     * Returns torchvision's resized size for {@code Resize(R)} and {@code CenterCrop(S)}'s offset.
     *
     * @param width source width W
     * @param height source height H
     * @return the plan
     */
    public Plan plan(int width, int height) {
        int shorter = Math.min(width, height);
        int longer = Math.max(width, height);
        int resizedLong = (int) ((long) resize * longer / shorter);
        // torchvision: (new_w, new_h) = (short, long) if w <= h else (long, short).
        int w = width <= height ? resize : resizedLong;
        int h = width <= height ? resizedLong : resize;
        return new Plan(w, h, (int) Math.rint((w - crop) / 2.0), (int) Math.rint((h - crop) / 2.0));
    }

    /**
     * Describes the transform for the model card, as a Python user reproduces it with torch alone
     * (docs/usage.md §4 has the code): decode to 8-bit RGB, {@code x = uint8 CHW float32 /
     * divide_by}, {@code F.interpolate(x[None], size=(h', w'), mode="bilinear",
     * align_corners=False, antialias=True)} to torchvision {@code Resize}'s size, centre crop,
     * {@code (x − mean) / std}.
     *
     * @return keys {@code decode, divide_by, resize, resized_size, interpolation, antialias,
     *     align_corners, center_crop, crop_offset, mean, std}, in that order
     */
    public Map<String, Object> recipe() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("decode", "8-bit RGB, HWC; transparency composited onto white");
        r.put("divide_by", 255);
        r.put("resize", resize);
        r.put(
                "resized_size",
                "shorter side = resize, longer side = int(resize * longer / shorter)");
        r.put("interpolation", "bilinear");
        r.put("antialias", true);
        r.put("align_corners", false);
        r.put("center_crop", crop);
        r.put("crop_offset", "int(round((resized_side - center_crop) / 2.0)), Python's round");
        r.put("mean", floats(resampler.mean()));
        r.put("std", floats(resampler.std()));
        return r;
    }

    private static List<Float> floats(float[] values) {
        List<Float> out = new ArrayList<>();
        for (float v : values) {
            out.add(v);
        }
        return out;
    }
}
