package org.pdml.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** docs/method.md §5 oracles 6 and 7 for the nivMF log-score, both forms. */
class NivmfLogScoreTest {

    private static final LogNormaliser FIT = LogNormaliser.paperApprox();
    private static final double HALF = 0.5;

    /** Oracle 6: D = 4, μ = (1,1,0,0)/√2 (given unnormalised), K = (2,1,1,1). */
    private static double[] oracle6(NDManager m, boolean stretched, double[] x) {
        NDArray v = m.create(new double[][] {{3, 3, 0, 0}});
        NDArray kappa = m.create(new double[][] {{2, 1, 1, 1}});
        NDArray points = m.create(new double[][] {x});
        NDArray s =
                stretched
                        ? NivmfLogScore.stretched(points, v, kappa, 0.1, FIT)
                        : NivmfLogScore.unstretched(points, v, kappa, 0.1, FIT);
        return s.toDoubleArray();
    }

    @Test
    void oracle6UnitAxisIsTheSameInBothForms() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] e1 = {1, 0, 0, 0};
            assertThat(oracle6(m, false, e1)[0]).isCloseTo(869.64637323, within(1e-6));
            assertThat(oracle6(m, true, e1)[0]).isCloseTo(869.64637323, within(1e-6));
        }
    }

    @Test
    void oracle6DiagonalPointUnstretched() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] x = {HALF, HALF, HALF, HALF};
            assertThat(oracle6(m, false, x)[0]).isCloseTo(869.29281984, within(1e-6));
        }
    }

    @Test
    void oracle6DiagonalPointStretched() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] x = {HALF, HALF, HALF, HALF};
            assertThat(oracle6(m, true, x)[0]).isCloseTo(869.56846588, within(1e-6));
        }
    }

    @Test
    void oracle7IsotropicD128FitAtBothAxes() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[][] v = new double[1][128];
            v[0][0] = 1;
            double[][] kappa = new double[1][128];
            java.util.Arrays.fill(kappa[0], 9.0);
            double[][] x = new double[2][128];
            x[0][0] = 1;
            x[1][1] = 1;
            double[] s =
                    NivmfLogScore.unstretched(m.create(x), m.create(v), m.create(kappa), 0.1, FIT)
                            .toDoubleArray();
            // 126.5564 + 9 + 127 ln 9, and 9 less at e₂
            assertThat(s[0]).isCloseTo(414.60396, within(5e-6));
            assertThat(s[1]).isCloseTo(405.60396, within(5e-6));
        }
    }

    @Test
    void oracle7IsotropicD128Exact() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[][] v = new double[1][128];
            v[0][0] = 1;
            double[][] kappa = new double[1][128];
            java.util.Arrays.fill(kappa[0], 9.0);
            double[][] x = new double[1][128];
            x[0][0] = 1;
            NDArray s =
                    NivmfLogScore.unstretched(
                            m.create(x), m.create(v), m.create(kappa), 0.1, LogNormaliser.exact());
            assertThat(s.getDouble(0, 0)).isCloseTo(414.78534, within(5e-6));
        }
    }

    @Test
    void batchedSamplesKeepTheirLeadingAxes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new ai.djl.ndarray.types.Shape(2, 3, 4)).normalize(2, 2);
            NDArray v = m.randomNormal(new ai.djl.ndarray.types.Shape(5, 4));
            NDArray k = m.randomUniform(0.5f, 3f, new ai.djl.ndarray.types.Shape(5, 4));
            NDArray s = NivmfLogScore.stretched(x, v, k, 0.1, FIT);
            assertThat(s.getShape().getShape()).containsExactly(2, 3, 5);
            NDArray flat = NivmfLogScore.stretched(x.reshape(6, 4), v, k, 0.1, FIT);
            assertThat(s.reshape(6, 5).sub(flat).abs().max().getDouble()).isLessThan(1e-12);
        }
    }

    @Test
    void kappaIsClampedAtKappaMin() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[][] {{0.6, 0.8}});
            NDArray v = m.create(new double[][] {{1, 0}});
            double low =
                    NivmfLogScore.unstretched(x, v, m.create(new double[][] {{-3, 0.01}}), 0.1, FIT)
                            .getDouble(0, 0);
            double clamped =
                    NivmfLogScore.unstretched(x, v, m.create(new double[][] {{0.1, 0.1}}), 0.1, FIT)
                            .getDouble(0, 0);
            assertThat(low).isEqualTo(clamped);
        }
    }

    @Test
    void mismatchedShapesNameBoth() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.zeros(new ai.djl.ndarray.types.Shape(2, 3));
            NDArray v = m.ones(new ai.djl.ndarray.types.Shape(4, 3));
            assertThatThrownBy(
                            () ->
                                    NivmfLogScore.unstretched(
                                            x,
                                            v,
                                            m.ones(new ai.djl.ndarray.types.Shape(4, 2)),
                                            0.1,
                                            FIT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(4, 3)")
                    .hasMessageContaining("(4, 2)");
        }
    }
}
