package org.pdml.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.pdml.artifacts.VerifiedExamples;
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
     * Loads the splits through {@link VerifiedExamples}: the whole folder's shard list and sizes
     * are checked first, then each split read is checked shard by shard (record counts, SHA-256) as
     * it is read, so training never starts on a folder that differs from its manifest.
     *
     * @param examples folder written by {@code pdml preprocess}
     * @return the inputs
     * @throws org.pdml.artifacts.DamagedArtifactException naming the file if the folder does not
     *     match its manifest
     * @throws IOException if a shard is unreadable
     */
    public static TrainInputs load(Path examples) throws IOException {
        VerifiedExamples verified = VerifiedExamples.open(examples);
        SplitImages train = SplitImages.load(verified, "train");
        Optional<SplitImages> val =
                verified.hasSplit("val")
                        ? Optional.of(SplitImages.load(verified, "val"))
                        : Optional.empty();
        LabelIndex classes = LabelIndex.of(train.labels());
        return new TrainInputs(examples, train, val, classes, classes.indicesOf(train.labels()));
    }
}
