package org.pdml.config;

import java.util.List;

/**
 * Image transforms. Training: random resized crop to {@code train.input_size}, horizontal flip,
 * mean/std normalisation. Evaluation: resize the shorter side to {@code resize}, centre crop {@code
 * center_crop}, same normalisation. Channel values are in [0, 1] before normalisation.
 *
 * @param randomResizedCrop area-scale and aspect-ratio ranges of the training crop
 * @param flipProb horizontal flip probability
 * @param mean per-channel mean (1 or 3 values)
 * @param std per-channel standard deviation (1 or 3 values)
 * @param resize evaluation shorter-side size, pixels
 * @param centerCrop evaluation crop side, pixels
 */
public record AugmentationConfig(
        @Doc("Random resized crop ranges (training)") CropRanges randomResizedCrop,
        @Doc("Horizontal flip probability (training), in [0,1]") double flipProb,
        @Doc("Per-channel mean on [0,1] values (1 or 3 values)") List<Double> mean,
        @Doc("Per-channel standard deviation (1 or 3 values, > 0)") List<Double> std,
        @Doc("Evaluation: shorter side resized to this, pixels") int resize,
        @Doc("Evaluation: centre crop side, pixels (<= resize)") int centerCrop) {

    /** Copies the lists so the record stays immutable. */
    public AugmentationConfig {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
    }

    /**
     * Random-resized-crop ranges (torchvision semantics).
     *
     * @param scale [min, max] fraction of the image area
     * @param ratio [min, max] aspect ratio w/h
     */
    public record CropRanges(
            @Doc("[min, max] fraction of the image area, in (0,1]") List<Double> scale,
            @Doc("[min, max] aspect ratio width/height") List<Double> ratio) {

        /** Copies the lists so the record stays immutable. */
        public CropRanges {
            scale = List.copyOf(scale);
            ratio = List.copyOf(ratio);
        }
    }
}
