package org.pdml.train;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.pdml.config.ModelConfig;
import org.pdml.model.EmbeddingHead;
import org.pdml.model.EmbeddingModel;
import org.pdml.model.ResNets;
import org.pdml.model.SmallCnn;
import org.pdml.model.TorchScriptBackbone;
import org.pdml.model.torchscript.TorchScriptModels;

/** Builds the embedding network a {@link ModelConfig} describes. */
public final class Networks {
    /** Channel width of the small CNN used by the CPU recipes and tests. */
    public static final int SMALL_CNN_WIDTH = 32;

    private Networks() {}

    /**
     * A built network and the imported TorchScript module it owns, if any.
     *
     * @param model backbone + head, the head uninitialised
     * @param imported the loaded TorchScript model of a {@code torchscript} backbone; close it
     *     after the network
     */
    public record Network(EmbeddingModel model, Optional<ZooModel<NDList, NDList>> imported)
            implements AutoCloseable {
        @Override
        public void close() {
            imported.ifPresent(ZooModel::close);
        }
    }

    /**
     * Builds backbone + head, uninitialised, for the architectures defined in Java.
     *
     * @param model the model section of the config
     * @return the network {@code [B, 3, H, W] → [B, D]}
     * @throws IllegalArgumentException for a {@code torchscript} backbone (use {@link #open})
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
        return new EmbeddingModel(backbone, head(model, features));
    }

    /**
     * Builds the network of any backbone. A {@code torchscript} backbone is loaded from {@code
     * model.torchscript_path} with trainable parameters ({@code trainParam=true}) and keeps its
     * weights (e.g. ImageNet-pretrained); its output size F is found by one forward pass on zeros.
     *
     * @param model the model section of the config
     * @param inputSize training image side S (for probing a TorchScript backbone)
     * @param device where a TorchScript backbone's parameters are loaded
     * @return the network; close it to release an imported module
     * @throws IOException naming the file if the TorchScript backbone cannot be loaded
     * @throws IllegalArgumentException naming the file if it does not map images to {@code [B, F]}
     */
    public static Network open(ModelConfig model, int inputSize, Device device) throws IOException {
        if (model.backbone() != ModelConfig.Backbone.TORCHSCRIPT) {
            return new Network(build(model), Optional.empty());
        }
        Path file = Path.of(model.torchscriptPath());
        ZooModel<NDList, NDList> zoo = TorchScriptModels.load(file, true, device);
        try {
            int features =
                    TorchScriptBackbone.probeFeatures(
                            zoo.getBlock(), inputSize, file.toString(), device);
            Block backbone = new TorchScriptBackbone(zoo.getBlock(), model.frozenBn(), features);
            return new Network(
                    new EmbeddingModel(backbone, head(model, features)), Optional.of(zoo));
        } catch (RuntimeException e) {
            zoo.close();
            throw e;
        }
    }

    private static EmbeddingHead head(ModelConfig model, int features) {
        return new EmbeddingHead(features, model.embeddingDim(), (float) model.initNorm());
    }
}
