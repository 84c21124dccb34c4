package org.pdml;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

/** The PyTorch engine loads offline from the native jar and computes in float64. */
class EngineSmokeTest {

    @Test
    void pytorchEngineLoadsOfflineAndComputesInFloat64() {
        assertThat(Engine.getInstance().getEngineName()).isEqualTo("PyTorch");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new double[] {1.0, 2.0, 3.0});
            assertThat(x.getDataType()).isEqualTo(DataType.FLOAT64);
            // lnΓ(4) = ln 6, a closed form that float32 could not hold to 1e-12.
            assertThat(x.add(1).gammaln().getDouble(2)).isCloseTo(Math.log(6.0), within(1e-12));
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double eps) {
        return org.assertj.core.data.Offset.offset(eps);
    }
}
