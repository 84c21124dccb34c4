package org.pdml.math;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class Float64PromotionTest {

    @Test
    void upcastKeepsTheGraphAndTheValuesExactly() {
        try (NDManager m = NDManager.newBaseManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = m.create(new float[] {0.1f, -3.5f, 1e-30f});
            x.setRequiresGradient(true);
            NDArray y = Float64Promotion.upcast(x);
            assertThat(y.getDataType()).isEqualTo(DataType.FLOAT64);
            assertThat(y.toDoubleArray()).containsExactly(0.1f, -3.5f, 1e-30f);
            gc.backward(y.mul(y).sum());
            // d/dx Σ x² = 2x, computed in float64 and cast back to x's float32
            assertThat(x.getGradient().toFloatArray())
                    .containsExactly((float) (2.0 * 0.1f), -7f, (float) (2.0 * 1e-30f));
        }
    }

    @Test
    void atLeastClampsInFloat64WithTheExactFloorAndPassesGradientAboveIt() {
        try (NDManager m = NDManager.newBaseManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = m.create(new float[] {0.05f, 0.5f, 30f});
            x.setRequiresGradient(true);
            NDArray y = Float64Promotion.atLeast(x, 0.1);
            assertThat(y.getDataType()).isEqualTo(DataType.FLOAT64);
            // 0.1 as a double, not rounded through float32 (0.10000000149...)
            assertThat(y.toDoubleArray()).containsExactly(0.1, 0.5, 30.0);
            gc.backward(y.mul(m.create(new double[] {1, 2, 3})).sum());
            assertThat(x.getGradient().toFloatArray()).containsExactly(0f, 2f, 3f);
        }
    }
}
