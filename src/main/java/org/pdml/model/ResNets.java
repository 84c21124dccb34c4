package org.pdml.model;

import ai.djl.nn.SequentialBlock;
import java.util.Locale;

/**
 * torchvision-layout ResNets (He et al., CVPR 2016; torchvision v1.5 bottlenecks) as DJL feature
 * extractors without the classifier: {@code [B, 3, H, W] → [B, F]} with F = 512 (18, 34) or 2048
 * (50) after global average pooling. Parameter counts equal torchvision's minus its fc layer.
 */
public final class ResNets {

    private ResNets() {}

    /** The supported depths and their units per stage. */
    public enum Depth {
        /** 2-2-2-2 BasicBlocks, F = 512. */
        RESNET18(new int[] {2, 2, 2, 2}, false),
        /** 3-4-6-3 BasicBlocks, F = 512. */
        RESNET34(new int[] {3, 4, 6, 3}, false),
        /** 3-4-6-3 Bottlenecks, F = 2048. */
        RESNET50(new int[] {3, 4, 6, 3}, true);

        private final int[] units;
        private final boolean bottleneck;

        Depth(int[] units, boolean bottleneck) {
            this.units = units;
            this.bottleneck = bottleneck;
        }

        /** Returns the feature dimension F of the pooled output. */
        public int featureDim() {
            return bottleneck ? 2048 : 512;
        }

        /**
         * Parses "resnet18", "resnet34" or "resnet50" (case-insensitive).
         *
         * @throws IllegalArgumentException naming the value for any other name
         */
        public static Depth parse(String name) {
            for (Depth d : values()) {
                if (d.name().equals(name.toUpperCase(Locale.ROOT))) {
                    return d;
                }
            }
            throw new IllegalArgumentException(
                    "unknown backbone '" + name + "' (expected resnet18, resnet34 or resnet50)");
        }
    }

    /**
     * Builds an uninitialised ResNet feature extractor {@code [B, 3, H, W] → [B, F]}.
     *
     * @param depth the architecture
     * @param frozenBn true to freeze every BatchNorm's running statistics (γ, β stay trainable)
     */
    public static SequentialBlock build(Depth depth, boolean frozenBn) {
        SequentialBlock net =
                new SequentialBlock()
                        .add(Layers.convBn(64, 7, 2, 3, frozenBn, true))
                        .add(ScriptableLambda.maxPool(3, 2, 1));
        int in = 64;
        for (int stage = 0; stage < 4; stage++) {
            int width = 64 << stage;
            for (int u = 0; u < depth.units[stage]; u++) {
                int stride = stage > 0 && u == 0 ? 2 : 1;
                net.add(
                        depth.bottleneck
                                ? ResidualUnit.bottleneck(in, width, stride, frozenBn)
                                : ResidualUnit.basic(in, width, stride, frozenBn));
                in = depth.bottleneck ? 4 * width : width;
            }
        }
        return net.add(ScriptableLambda.globalAvgPool());
    }
}
