package org.pdml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The head's torch-default init scaled by init_norm, and z = x Wᵀ + b. */
class EmbeddingHeadTest {

    private static final int F = 256;
    private static final int D = 128;

    @Test
    void weightIsTorchUniformTimesInitNormAndBiasIsUnscaled() {
        try (NDManager manager = NDManager.newBaseManager()) {
            EmbeddingHead head = new EmbeddingHead(F, D, 30f);
            head.initialize(manager, DataType.FLOAT32, new Shape(1, F));
            double bound = 1.0 / Math.sqrt(F);
            float[] w = head.weight().getArray().toFloatArray();
            float[] b = head.bias().getArray().toFloatArray();
            // U(-a, a) has max |x| -> a and standard deviation a/√3.
            assertThat(maxAbs(w)).isBetween(0.99 * 30 * bound, 30 * bound);
            assertThat(std(w)).isCloseTo(30 * bound / Math.sqrt(3), within(0.02 * 30 * bound));
            assertThat(maxAbs(b)).isBetween(0.9 * bound, bound);
        }
    }

    @Test
    void forwardIsAffineMap() {
        try (NDManager manager = NDManager.newBaseManager()) {
            EmbeddingHead head = new EmbeddingHead(3, 2, 1f);
            head.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            float[] w = head.weight().getArray().toFloatArray();
            float[] b = head.bias().getArray().toFloatArray();
            NDArray x = manager.create(new float[] {1f, -2f, 0.5f}, new Shape(1, 3));
            float[] z =
                    head.forward(new ParameterStore(manager, false), new NDList(x), false)
                            .singletonOrThrow()
                            .toFloatArray();
            for (int d = 0; d < 2; d++) {
                float expected = w[3 * d] - 2f * w[3 * d + 1] + 0.5f * w[3 * d + 2] + b[d];
                assertThat(z[d]).isCloseTo(expected, within(1e-6f));
            }
        }
    }

    private static double maxAbs(float[] values) {
        double m = 0;
        for (float v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double std(float[] values) {
        double s = 0;
        double sq = 0;
        for (float v : values) {
            s += v;
            sq += (double) v * v;
        }
        double mean = s / values.length;
        return Math.sqrt(sq / values.length - mean * mean);
    }
}
