package org.pdml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** Grid average pooling against cell means computed by hand. */
class GridAvgPoolTest {

    @Test
    void meansOfEachCellFlattenedChannelMajor() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Channel 0 holds 0..15 row-major on a 4×4 map, channel 1 holds 100 everywhere.
            float[] values = new float[32];
            for (int i = 0; i < 16; i++) {
                values[i] = i;
                values[16 + i] = 100;
            }
            NDArray x = manager.create(values, new Shape(1, 2, 4, 4));
            float[] out = apply(ScriptableLambda.gridAvgPool(2), manager, x);
            // Cells of channel 0: {0,1,4,5} {2,3,6,7} {8,9,12,13} {10,11,14,15}.
            assertThat(out).containsExactly(2.5f, 4.5f, 10.5f, 12.5f, 100f, 100f, 100f, 100f);
            assertThat(ScriptableLambda.gridAvgPool(2).getOutputShapes(new Shape[] {x.getShape()}))
                    .containsExactly(new Shape(1, 8));
        }
    }

    @Test
    void gridOneIsTheGlobalMean() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.arange(18f).reshape(1, 2, 3, 3);
            assertThat(apply(ScriptableLambda.gridAvgPool(1), manager, x)).containsExactly(4f, 13f);
        }
    }

    @Test
    void aMapNotDivisibleByTheGridIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.zeros(new Shape(1, 1, 6, 6));
            assertThatThrownBy(() -> apply(ScriptableLambda.gridAvgPool(4), manager, x))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("6x6 is not divisible into a 4x4 pooling grid");
        }
        assertThatThrownBy(() -> ScriptableLambda.gridAvgPool(0))
                .hasMessageContaining("pool grid must be >= 1");
    }

    private static float[] apply(ScriptableLambda pool, NDManager manager, NDArray x) {
        return pool.forward(new ParameterStore(manager, false), new NDList(x), false)
                .singletonOrThrow()
                .toFloatArray();
    }
}
