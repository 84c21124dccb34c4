package org.pdml.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pdml.config.PdmlConfig;
import org.pdml.data.RecordTransforms;
import org.pdml.data.SplitImages;
import org.pdml.eval.retrieval.RetrievalScore;
import org.pdml.model.Embedder;

/**
 * Per-epoch model selection on the class-disjoint validation split: R@1 and MAP@R of the current
 * network (evaluation transforms, BatchNorm in inference mode). The test split never enters here.
 */
public final class Validation {
    /** Metric key of validation R@1. */
    public static final String RECALL_AT_1 = "val_recall_at_1";

    /** Metric key of validation MAP@R. */
    public static final String MAP_AT_R = "val_map_at_r";

    private Validation() {}

    /**
     * Embeds the validation split and scores it.
     *
     * @param config the run's config (evaluation transforms, batch size, kNN block size)
     * @param session the live model
     * @param val the validation split
     * @return {@link #RECALL_AT_1} and {@link #MAP_AT_R}
     */
    public static Map<String, Double> score(
            PdmlConfig config, TrainSession session, SplitImages val) {
        Embedder.Result z = embed(config, session, val);
        RetrievalScore s =
                RetrievalScore.of(
                        session.model().getNDManager(),
                        z.values(),
                        z.dim(),
                        val.labels(),
                        config.eval().blockSize());
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(RECALL_AT_1, s.recallAt1());
        out.put(MAP_AT_R, s.mapAtR());
        return out;
    }

    /**
     * Embeds a split with the evaluation transforms.
     *
     * @param config the run's config
     * @param session the live model
     * @param images the split
     * @return embeddings {@code [N, D]}
     */
    static Embedder.Result embed(PdmlConfig config, TrainSession session, SplitImages images) {
        int crop = config.train().augmentation().centerCrop();
        Embedder embedder =
                new Embedder(
                        session.block().embedder(),
                        session.model().getNDManager(),
                        config.train().batchSize(),
                        new int[] {3, crop, crop});
        return embedder.embed(
                images.size(), RecordTransforms.evaluation(images, config.train().augmentation()));
    }
}
