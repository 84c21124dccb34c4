package org.pdml.eval;

import org.pdml.config.TrainConfig;
import org.pdml.model.Embedder;
import org.pdml.model.torchscript.ExportedEmbedder;

/**
 * The one place where an exported model meets the config it was trained with: the batch size and
 * the centre-crop input shape {@code [3, crop, crop]} that {@code pdml embed} and {@code pdml
 * evaluate} both embed with.
 */
final class TrainedEmbedder {
    private TrainedEmbedder() {}

    /**
     * @param model the loaded export (stays owned by the caller)
     * @param train the train section of the config the model was trained with
     * @return an embedder of {@code model}'s block, batched at the training batch size (at least 1)
     */
    static Embedder of(ExportedEmbedder model, TrainConfig train) {
        int crop = train.augmentation().centerCrop();
        return new Embedder(
                model.block(),
                model.manager(),
                Math.max(1, train.batchSize()),
                new int[] {3, crop, crop});
    }
}
