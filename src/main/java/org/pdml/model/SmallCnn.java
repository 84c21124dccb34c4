package org.pdml.model;

import ai.djl.nn.SequentialBlock;

/**
 * A tiny CNN for tests and CPU recipes (about 24 k parameters at width 16): three conv-BN-ReLU
 * stages of widths w, 2w, 4w, the first two followed by 2×2 max-pooling, then average pooling onto
 * a g×g grid: {@code [B, 3, H, W] → [B, 4w·g²]}, any H, W ≥ 4 with H/4, W/4 multiples of g (32–64
 * px intended). g = 1 is global average pooling; g > 1 keeps the coarse layout, which is what tells
 * drawings of the same emoji apart from others (raw 8×8 pixels beat a global pool there).
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
        return build(width, frozenBn, 1);
    }

    /**
     * Builds the uninitialised network with grid pooling.
     *
     * @param width channels of the first stage w
     * @param frozenBn true to freeze BatchNorm running statistics
     * @param grid cells per side g of the final average pooling (1 = global)
     */
    public static SequentialBlock build(int width, boolean frozenBn, int grid) {
        return new SequentialBlock()
                .add(Layers.convBn(width, 3, 1, 1, frozenBn, true))
                .add(ScriptableLambda.maxPool(2, 2, 0))
                .add(Layers.convBn(2 * width, 3, 1, 1, frozenBn, true))
                .add(ScriptableLambda.maxPool(2, 2, 0))
                .add(Layers.convBn(4 * width, 3, 1, 1, frozenBn, true))
                .add(
                        grid == 1
                                ? ScriptableLambda.globalAvgPool()
                                : ScriptableLambda.gridAvgPool(grid));
    }

    /** Returns the output dimension 4w for a first-stage width w. */
    public static int featureDim(int width) {
        return 4 * width;
    }

    /** Returns the output dimension 4w·g² for a first-stage width w and pooling grid g. */
    public static int featureDim(int width, int grid) {
        return 4 * width * grid * grid;
    }
}
