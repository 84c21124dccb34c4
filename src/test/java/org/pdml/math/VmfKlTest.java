package org.pdml.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** docs/method.md §5 oracle 5: the reference's KL quantity and the exact KL. */
class VmfKlTest {

    private static double reference(double k1, double k2, double cos) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray muI = m.create(new double[][] {{1, 0}});
            NDArray muC = m.create(new double[][] {{cos, Math.sqrt(1 - cos * cos)}});
            return VmfKl.referenceForm(
                            m.create(new double[] {k1}),
                            muI,
                            m.create(new double[] {k2}),
                            muC,
                            LogNormaliser.paperApprox(),
                            512)
                    .getDouble(0, 0);
        }
    }

    @Test
    void oracle5ReferenceIdenticalIsZero() {
        assertThat(reference(10, 10, 1)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void oracle5ReferenceOrthogonal() {
        assertThat(reference(10, 10, 0)).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void oracle5ReferenceUnequalConcentrations() {
        assertThat(reference(20, 5, 1)).isCloseTo(14.6328195, within(1e-7));
    }

    private static double exact(int dim, double k1, double k2, double cos) {
        try (NDManager m = NDManager.newBaseManager()) {
            double[][] muI = new double[1][dim];
            double[][] muC = new double[1][dim];
            muI[0][0] = 1;
            muC[0][0] = cos;
            muC[0][1] = Math.sqrt(1 - cos * cos);
            return VmfKl.of(
                            m.create(new double[] {k1}),
                            m.create(muI),
                            m.create(new double[] {k2}),
                            m.create(muC),
                            LogNormaliser.exact())
                    .getDouble(0, 0);
        }
    }

    @Test
    void oracle5ExactIdenticalIsZero() {
        assertThat(exact(128, 10, 10, 1)).isCloseTo(0.0, within(1e-9));
        assertThat(exact(512, 18, 18, 1)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void oracle5ExactD128Orthogonal() {
        assertThat(exact(128, 10, 10, 0)).isCloseTo(0.7766098, within(1e-7));
    }

    @Test
    void oracle5ExactD128UnequalConcentrations() {
        assertThat(exact(128, 20, 5, 1)).isCloseTo(0.8432259, within(1e-7));
    }

    @Test
    void oracle5ExactD512Orthogonal() {
        assertThat(exact(512, 10, 10, 0)).isCloseTo(0.1952383, within(1e-7));
    }

    @Test
    void oracle5ExactD512UnequalConcentrations() {
        assertThat(exact(512, 20, 5, 1)).isCloseTo(0.2191338, within(1e-7));
    }
}
