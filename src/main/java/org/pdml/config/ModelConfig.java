package org.pdml.config;

/**
 * Backbone and embedding head (docs/method.md §1): backbone → average pool → linear head to z ∈
 * R^D.
 *
 * @param backbone backbone architecture
 * @param torchscriptPath TorchScript file with the backbone (and its weights), or null
 * @param embeddingDim D, the embedding dimension
 * @param frozenBn whether BatchNorm running statistics are frozen (affine stays trainable)
 * @param initNorm multiplier on the head's initial weight (not bias)
 * @param poolGrid small-cnn only: cells per side g of the final average pooling (1 = global)
 */
public record ModelConfig(
        @Doc("Backbone") Backbone backbone,
        @Doc(
                        value =
                                "TorchScript backbone file (with its weights, pretrained or not; backbone torchscript)",
                        optional = true)
                String torchscriptPath,
        @Doc("Embedding dimension D") int embeddingDim,
        @Doc("Freeze BatchNorm running statistics (affine parameters stay trainable)")
                boolean frozenBn,
        @Doc("Multiplier on the embedding head's initial weight (init_norm x)") double initNorm,
        @Doc("small-cnn: g, average-pool the last feature map onto a g x g grid (1 = global)")
                int poolGrid) {

    /** Backbone architectures. */
    public enum Backbone {
        /** A small CNN for tests and CPU recipes. */
        SMALL_CNN,
        /** ResNet-18, torchvision layout. */
        RESNET18,
        /** ResNet-34, torchvision layout. */
        RESNET34,
        /** ResNet-50, torchvision layout. */
        RESNET50,
        /** Any TorchScript module loaded from {@code torchscript_path}. */
        TORCHSCRIPT
    }
}
