package org.pdml.train;

import ai.djl.nn.Block;
import org.pdml.config.ModelConfig;
import org.pdml.model.EmbeddingHead;
import org.pdml.model.EmbeddingModel;
import org.pdml.model.ResNets;
import org.pdml.model.SmallCnn;

/** Builds the embedding network a {@link ModelConfig} describes. */
public final class Networks {
    /** Channel width of the small CNN used by the CPU recipes and tests. */
    public static final int SMALL_CNN_WIDTH = 32;

    private Networks() {}

    /**
     * Builds backbone + head, uninitialised.
     *
     * @param model the model section of the config
     * @return the network {@code [B, 3, H, W] → [B, D]}
     * @throws IllegalArgumentException for a backbone this build cannot construct here
     */
    public static EmbeddingModel build(ModelConfig model) {
        Block backbone;
        int features;
        switch (model.backbone()) {
            case SMALL_CNN -> {
                backbone = SmallCnn.build(SMALL_CNN_WIDTH, model.frozenBn(), model.poolGrid());
                features = SmallCnn.featureDim(SMALL_CNN_WIDTH, model.poolGrid());
            }
            case RESNET18, RESNET34, RESNET50 -> {
                ResNets.Depth depth = ResNets.Depth.parse(model.backbone().name());
                backbone = ResNets.build(depth, model.frozenBn());
                features = depth.featureDim();
            }
            default ->
                    throw new IllegalArgumentException(
                            "model.backbone " + model.backbone() + " is not supported by Networks");
        }
        EmbeddingHead head =
                new EmbeddingHead(features, model.embeddingDim(), (float) model.initNorm());
        return new EmbeddingModel(backbone, head);
    }
}
