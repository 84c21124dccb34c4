package org.pdml.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;
import org.pdml.config.AugmentationConfig;
import org.pdml.records.ImageRecord;

/**
 * Decodes a split's stored images and applies the configured training or evaluation transform,
 * giving the {@link SampleTransform}s of the loader and the embedder.
 */
public final class RecordTransforms {
    private RecordTransforms() {}

    static {
        ImageIO.setUseCache(false);
    }

    /**
     * The training transform: random resized crop to {@code inputSize}, flip, normalisation.
     *
     * @param images the split
     * @param aug augmentation settings
     * @param inputSize crop side S
     * @return (row, seed) → {@code [3, S, S]}
     */
    public static SampleTransform training(
            SplitImages images, AugmentationConfig aug, int inputSize) {
        TrainTransforms t =
                new TrainTransforms(
                        inputSize,
                        toArray(aug.randomResizedCrop().scale()),
                        toArray(aug.randomResizedCrop().ratio()),
                        aug.flipProb(),
                        resampler(aug));
        return (row, seed) -> t.apply(decode(images.get(row)), seed);
    }

    /**
     * The evaluation transform: resize the shorter side, centre crop, normalisation.
     *
     * @param images the split
     * @param aug augmentation settings (resize, center_crop, mean, std)
     * @return row → {@code [3, S, S]} (deterministic: evaluation draws no randomness)
     */
    public static IntFunction<float[]> evaluation(SplitImages images, AugmentationConfig aug) {
        EvalTransforms t = evaluation(aug);
        return row -> t.apply(decode(images.get(row)));
    }

    /**
     * The evaluation transform of decoded images: resize the shorter side to {@code aug.resize},
     * centre crop {@code aug.center_crop}, normalise with {@code aug.mean}/{@code aug.std}.
     *
     * @param aug augmentation settings
     * @return the transform, image → {@code [3, S, S]}
     */
    public static EvalTransforms evaluation(AugmentationConfig aug) {
        return new EvalTransforms(aug.resize(), aug.centerCrop(), resampler(aug));
    }

    private static ImageResampler resampler(AugmentationConfig aug) {
        return new ImageResampler(channels(aug.mean()), channels(aug.std()));
    }

    private static float[] channels(List<Double> values) {
        float[] out = new float[3];
        for (int c = 0; c < 3; c++) {
            out[c] = values.get(values.size() == 1 ? 0 : c).floatValue();
        }
        return out;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Decodes a stored image to 8-bit RGB.
     *
     * @param record a record written by {@code pdml preprocess}
     * @return the pixels
     * @throws UncheckedIOException naming the record if the bytes do not decode
     */
    public static RgbImage decode(ImageRecord record) {
        try {
            BufferedImage image = StoredImageReader.read(record.encodedBytes());
            if (image == null) {
                throw new IOException("no image reader accepts the bytes");
            }
            return RgbImage.of(image);
        } catch (IOException e) {
            throw new UncheckedIOException("record '" + record.id() + "' does not decode", e);
        }
    }
}
