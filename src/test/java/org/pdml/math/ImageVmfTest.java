package org.pdml.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The image vMF against hand-computed norms (3-4-5 and 1-2-2 triangles) and at z = 0. */
class ImageVmfTest {

    @Test
    void directionIsZOverNormAndConcentrationIsNorm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray z = manager.create(new double[][] {{3, 4, 0}, {1, 2, 2}, {0, 0, 0}});
            z.setRequiresGradient(true);
            ImageVmf vmf;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                vmf = ImageVmf.of(z);
                gc.backward(vmf.concentration().sum());
            }
            assertThat(vmf.concentration().toDoubleArray())
                    .containsExactly(new double[] {5, 3, 1e-12}, within(1e-15));
            assertThat(vmf.direction().get(0).toDoubleArray())
                    .containsExactly(new double[] {0.6, 0.8, 0}, within(1e-15));
            assertThat(vmf.direction().get(1).toDoubleArray())
                    .containsExactly(new double[] {1 / 3.0, 2 / 3.0, 2 / 3.0}, within(1e-15));
            // d‖z‖/dz = z/‖z‖; zero (not NaN) at z = 0.
            assertThat(z.getGradient().toDoubleArray())
                    .containsExactly(
                            new double[] {0.6, 0.8, 0, 1 / 3.0, 2 / 3.0, 2 / 3.0, 0, 0, 0},
                            within(1e-15));
            assertThatThrownBy(() -> ImageVmf.of(manager.create(new double[] {1, 2})))
                    .hasMessageContaining("[batch, dim]");
        }
    }
}
