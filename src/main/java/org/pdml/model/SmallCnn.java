package org.pdml.model;

import ai.djl.nn.SequentialBlock;

/**
 * A tiny CNN for tests and CPU recipes (about 24 k parameters at width 16): three conv-BN-ReLU
 * stages of widths w, 2w, 4w, the first two followed by 2×2 max-pooling, then global average
 * pooling: {@code [B, 3, H, W] → [B, 4w]}, any H, W ≥ 4 (32–64 px intended).
 */
public final class SmallCnn {

    private SmallCnn() {}

    /**
     * Builds the uninitialised network.
     *
     * @param width channels of the first stage w (output dimension 4w)
     * @param frozenBn true to freeze BatchNorm running statistics
     */
    public static SequentialBlock build(int width, boolean frozenBn) {
        return new SequentialBlock()
                .add(Layers.convBn(width, 3, 1, 1, frozenBn, true))
                .add(ScriptableLambda.maxPool(2, 2, 0))
                .add(Layers.convBn(2 * width, 3, 1, 1, frozenBn, true))
                .add(ScriptableLambda.maxPool(2, 2, 0))
                .add(Layers.convBn(4 * width, 3, 1, 1, frozenBn, true))
                .add(ScriptableLambda.globalAvgPool());
    }

    /** Returns the output dimension 4w for a first-stage width w. */
    public static int featureDim(int width) {
        return 4 * width;
    }
}
