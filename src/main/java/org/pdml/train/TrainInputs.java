package org.pdml.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.pdml.data.LabelIndex;
import org.pdml.data.SplitImages;

/**
 * The training and (optional) validation splits of an examples folder, with the run's classes.
 *
 * @param examplesDir the examples folder
 * @param train the training split
 * @param val the validation split, absent when the examples have none
 * @param classes dataset label → proxy index
 * @param classOfRow proxy index of every training record
 */
public record TrainInputs(
        Path examplesDir,
        SplitImages train,
        Optional<SplitImages> val,
        LabelIndex classes,
        int[] classOfRow) {

    /**
     * Loads the splits.
     *
     * @param examples folder written by {@code pdml preprocess}
     * @return the inputs
     * @throws IOException if a shard is unreadable or corrupt
     */
    public static TrainInputs load(Path examples) throws IOException {
        SplitImages train = SplitImages.load(examples, "train");
        Optional<SplitImages> val =
                SplitImages.hasSplit(examples, "val")
                        ? Optional.of(SplitImages.load(examples, "val"))
                        : Optional.empty();
        LabelIndex classes = LabelIndex.of(train.labels());
        return new TrainInputs(examples, train, val, classes, classes.indicesOf(train.labels()));
    }
}
