package org.pdml.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The κ guards of the public vMF functions (issue 20 item 9): NaN and negative κ fail naming the
 * function, the argument and the entry; κ = +∞ gives the closed-form limits. Oracles are the D = 3
 * closed forms C_3(κ) = κ/(4π sinh κ) and A_3(κ) = coth κ − 1/κ.
 */
class KappaGuardTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double[][] MU_I = {{1, 0, 0}, {0, 1, 0}};
    private static final double[][] MU_C = {{1, 0, 0}, {0.6, 0.8, 0}};
    private static final double[][] COS = {{1, 0.6}, {0, 0.8}};

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    static double logC3(double kappa) {
        return Math.log(kappa) - Math.log(4 * Math.PI) - Math.log(Math.sinh(kappa));
    }

    static double a3(double kappa) {
        return 1 / Math.tanh(kappa) - 1 / kappa;
    }

    enum Normalisers {
        EXACT(LogNormaliser.exact()),
        PAPER_APPROX(LogNormaliser.paperApprox());

        final LogNormaliser normaliser;

        Normalisers(LogNormaliser normaliser) {
            this.normaliser = normaliser;
        }
    }

    @ParameterizedTest
    @EnumSource(Normalisers.class)
    void logCRejectsNaNAndNegativeNamingTheEntry(Normalisers n) {
        NDArray nan = manager.create(new double[] {1, Double.NaN, 2});
        assertThatThrownBy(() -> n.normaliser.logC(nan, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LogNormaliser.logC")
                .hasMessageContaining("kappa (3)")
                .hasMessageContaining("entry 1 (flat index) is NaN");
        NDArray negative = manager.create(new float[] {1, 2, -0.5f, -1});
        assertThatThrownBy(() -> n.normaliser.logC(negative, 3))
                .hasMessageContaining("entry 2 (flat index) is -0.5 (2 of 4 entries invalid)");
        NDArray minusInfinity = manager.create(new double[] {Double.NEGATIVE_INFINITY});
        assertThatThrownBy(() -> n.normaliser.logC(minusInfinity, 3))
                .hasMessageContaining("is -Infinity");
    }

    @ParameterizedTest
    @ValueSource(strings = {"float64", "float32"})
    void logCAtInfinityIsMinusInfinityAndFiniteEntriesAreUnchanged(String dtype) {
        NDArray kappa = manager.create(new double[] {2, INF, 0.5});
        if (dtype.equals("float32")) {
            kappa = kappa.toType(DataType.FLOAT32, false);
        }
        kappa.setRequiresGradient(true);
        double[] value;
        double[] grad;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logC = LogNormaliser.exact().logC(kappa, 3);
            value = logC.toType(DataType.FLOAT64, false).toDoubleArray();
            gc.backward(logC.sum());
            grad = kappa.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
        }
        double tolerance = dtype.equals("float32") ? 1e-5 : 1e-12;
        assertThat(value[0]).isCloseTo(logC3(2), within(tolerance));
        assertThat(value[1]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(value[2]).isCloseTo(logC3(0.5), within(tolerance));
        // d/dκ log C_D = −A_D(κ) at finite κ; the limit entry has a zero gradient.
        assertThat(grad[0]).isCloseTo(-a3(2), within(tolerance));
        assertThat(grad[1]).isZero();
        assertThat(grad[2]).isCloseTo(-a3(0.5), within(tolerance));
        double fit =
                LogNormaliser.paperApprox()
                        .logC(manager.create(new double[] {INF}), 128)
                        .getDouble(0);
        assertThat(fit).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void meanResultantLengthRejectsNaNAndNegativeAndIsOneAtInfinity() {
        NDArray nan = manager.create(new double[] {Double.NaN});
        assertThatThrownBy(() -> MeanResultantLength.of(nan, 3))
                .hasMessageContaining("MeanResultantLength.of")
                .hasMessageContaining("is NaN");
        NDArray negative = manager.create(new double[] {-3});
        assertThatThrownBy(() -> MeanResultantLength.of(negative, 128))
                .hasMessageContaining("MeanResultantLength.of")
                .hasMessageContaining("is -3.0");
        for (DataType dtype : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
            NDArray kappa = manager.create(new double[] {INF, 3, 0}).toType(dtype, false);
            double[] a =
                    MeanResultantLength.of(kappa, 3)
                            .toType(DataType.FLOAT64, false)
                            .toDoubleArray();
            assertThat(a[0]).isEqualTo(1.0);
            assertThat(a[1]).isCloseTo(a3(3), within(1e-6));
            assertThat(a[2]).isZero();
        }
    }

    private double[][] kl(double[] kappaI, double[] kappaC) {
        NDArray kl =
                VmfKl.of(
                        manager.create(kappaI),
                        manager.create(MU_I),
                        manager.create(kappaC),
                        manager.create(MU_C),
                        LogNormaliser.exact());
        return new double[][] {kl.get(0).toDoubleArray(), kl.get(1).toDoubleArray()};
    }

    static double kl3(double ki, double kc, double cos) {
        return logC3(ki) - logC3(kc) + a3(ki) * (ki - kc * cos);
    }

    @Test
    void klRejectsNaNAndNegativeNamingTheArgument() {
        assertThatThrownBy(() -> kl(new double[] {1, 2}, new double[] {3, Double.NaN}))
                .hasMessageContaining("VmfKl.of")
                .hasMessageContaining("kappaC (2)")
                .hasMessageContaining("entry 1 (flat index) is NaN");
        assertThatThrownBy(() -> kl(new double[] {-1, 2}, new double[] {3, 4}))
                .hasMessageContaining("VmfKl.of")
                .hasMessageContaining("kappaI (2)")
                .hasMessageContaining("entry 0 (flat index) is -1.0");
    }

    @Test
    void klIsPlusInfinityWhereOneSideIsAPointMass() {
        double[][] rowInfinite = kl(new double[] {INF, 2}, new double[] {3, 4});
        assertThat(rowInfinite[0]).containsExactly(INF, INF);
        assertThat(rowInfinite[1][0]).isCloseTo(kl3(2, 3, COS[1][0]), within(1e-9));
        assertThat(rowInfinite[1][1]).isCloseTo(kl3(2, 4, COS[1][1]), within(1e-9));
        double[][] columnInfinite = kl(new double[] {1, 2}, new double[] {INF, 4});
        assertThat(columnInfinite[0][0]).isEqualTo(INF);
        assertThat(columnInfinite[1][0]).isEqualTo(INF);
        assertThat(columnInfinite[0][1]).isCloseTo(kl3(1, 4, COS[0][1]), within(1e-9));
        assertThatThrownBy(() -> kl(new double[] {INF, 2}, new double[] {3, INF}))
                .hasMessageContaining("VmfKl.of: kappaI and kappaC both hold +∞");
    }

    @Test
    void klReferenceFormRejectsNaNNegativeAndInfinity() {
        for (double bad : new double[] {Double.NaN, -1, INF}) {
            assertThatThrownBy(
                            () ->
                                    VmfKl.referenceForm(
                                            manager.create(new double[] {1, bad}),
                                            manager.create(MU_I),
                                            manager.create(new double[] {1, 2}),
                                            manager.create(MU_C),
                                            LogNormaliser.exact(),
                                            3))
                    .hasMessageContaining("VmfKl.referenceForm")
                    .hasMessageContaining("kappaI (2)")
                    .hasMessageContaining("is " + bad);
        }
    }

    private double[][] ppk(double[] kappaI, double[] kappaC, double rho) {
        NDArray ppk =
                LogPpk.of(
                        manager.create(kappaI),
                        manager.create(MU_I),
                        manager.create(kappaC),
                        manager.create(MU_C),
                        rho,
                        LogNormaliser.exact());
        return new double[][] {ppk.get(0).toDoubleArray(), ppk.get(1).toDoubleArray()};
    }

    static double ppk3(double ki, double kc, double cos, double rho) {
        double resultant = Math.sqrt(ki * ki + kc * kc + 2 * ki * kc * cos);
        return rho * (logC3(ki) + logC3(kc)) - logC3(rho * resultant);
    }

    @Test
    void ppkRejectsNaNAndNegative() {
        assertThatThrownBy(() -> ppk(new double[] {Double.NaN, 2}, new double[] {3, 4}, 1))
                .hasMessageContaining("LogPpk.of")
                .hasMessageContaining("kappaI (2)")
                .hasMessageContaining("is NaN");
        assertThatThrownBy(() -> ppk(new double[] {1, 2}, new double[] {3, -4}, 0.5))
                .hasMessageContaining("LogPpk.of")
                .hasMessageContaining("kappaC (2)")
                .hasMessageContaining("is -4.0");
    }

    @Test
    void ppkAtAPointMassIsTheOtherDensityThereForRhoOneAndMinusInfinityBelow() {
        // ρ = 1: E_{x~δ(μ_i)}[vMF(x; μ_c, g)] = C_3(g)·exp(g μ_iᵀμ_c).
        double[][] rowInfinite = ppk(new double[] {INF, 2}, new double[] {3, 4}, 1);
        assertThat(rowInfinite[0][0]).isCloseTo(logC3(3) + 3 * COS[0][0], within(1e-9));
        assertThat(rowInfinite[0][1]).isCloseTo(logC3(4) + 4 * COS[0][1], within(1e-9));
        assertThat(rowInfinite[1][1]).isCloseTo(ppk3(2, 4, COS[1][1], 1), within(1e-9));
        double[][] columnInfinite = ppk(new double[] {1, 2}, new double[] {3, INF}, 1);
        assertThat(columnInfinite[0][1]).isCloseTo(logC3(1) + COS[0][1], within(1e-9));
        assertThat(columnInfinite[1][1]).isCloseTo(logC3(2) + 2 * COS[1][1], within(1e-9));
        assertThat(columnInfinite[1][0]).isCloseTo(ppk3(2, 3, COS[1][0], 1), within(1e-9));
        double[][] bhattacharyya = ppk(new double[] {INF, 2}, new double[] {3, 4}, 0.5);
        assertThat(bhattacharyya[0]).containsExactly(Double.NEGATIVE_INFINITY, -INF);
        assertThat(bhattacharyya[1][0]).isCloseTo(ppk3(2, 3, COS[1][0], 0.5), within(1e-9));
        assertThatThrownBy(() -> ppk(new double[] {INF, 2}, new double[] {INF, 4}, 1))
                .hasMessageContaining("LogPpk.of: kappaI and kappaC both hold +∞");
    }

    private NDArray nivmf(boolean stretched, double[][] kappa) {
        NDArray x = manager.create(new double[][] {{0.6, 0.8, 0}, {0, 0, 1}});
        NDArray v = manager.create(MU_C);
        NDArray k = manager.create(kappa);
        LogNormaliser n = LogNormaliser.exact();
        return stretched
                ? NivmfLogScore.stretched(x, v, k, 0.1, n)
                : NivmfLogScore.unstretched(x, v, k, 0.1, n);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void nivmfRejectsNaNAndInfinityButClampsNegatives(boolean stretched) {
        String function = stretched ? "NivmfLogScore.stretched" : "NivmfLogScore.unstretched";
        for (double bad : new double[] {Double.NaN, INF}) {
            assertThatThrownBy(() -> nivmf(stretched, new double[][] {{1, 2, 3}, {4, bad, 6}}))
                    .hasMessageContaining(function)
                    .hasMessageContaining("kappa (2, 3)")
                    .hasMessageContaining("entry 4 (flat index) is " + bad);
        }
        double[] negative =
                nivmf(stretched, new double[][] {{1, -2, 3}, {4, 5, -INF}}).toDoubleArray();
        double[] clamped =
                nivmf(stretched, new double[][] {{1, 0.1, 3}, {4, 5, 0.1}}).toDoubleArray();
        assertThat(negative).containsExactly(clamped);
    }

    /** Rows e₂ and (0.6, 0, 0.8, 0, …) in D dimensions. */
    private static double[][] unitRows(int dim) {
        double[][] rows = new double[2][dim];
        rows[0][1] = 1;
        rows[1][0] = 0.6;
        rows[1][2] = 0.8;
        return rows;
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 128})
    void samplerRejectsNaNAndNegativeAtEveryDimension(int dim) {
        NDArray mu = manager.create(unitRows(dim));
        for (double bad : new double[] {Double.NaN, -0.5}) {
            NDArray kappa = manager.create(new double[] {1, bad});
            assertThatThrownBy(() -> WoodVmfSampler.sample(mu, kappa, 4))
                    .hasMessageContaining("WoodVmfSampler.sample")
                    .hasMessageContaining("entry 1 (flat index) is " + bad);
            assertThatThrownBy(() -> WoodVmfSampler.sampleW(kappa, dim, 4))
                    .hasMessageContaining("WoodVmfSampler.sampleW");
        }
        assertThatThrownBy(() -> WoodConstants.of(Double.NaN, dim))
                .hasMessageContaining("WoodConstants.of");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 128})
    void samplerDrawsThePointMassAtInfinity(int dim) {
        double[][] rows = unitRows(dim);
        NDArray mu = manager.create(rows);
        NDArray kappa = manager.create(new double[] {INF, 5});
        NDArray x = WoodVmfSampler.sample(mu, kappa, 3);
        for (int s = 0; s < 3; s++) {
            assertThat(x.get(0, s).toDoubleArray()).containsExactly(rows[0]);
            double norm = x.get(1, s).norm().getDouble();
            assertThat(norm).isCloseTo(1, within(1e-6));
        }
        double[] w = WoodVmfSampler.sampleW(kappa, dim, 3).toDoubleArray();
        assertThat(w[0]).isEqualTo(1.0);
        assertThat(w[1]).isEqualTo(1.0);
        assertThat(w[2]).isEqualTo(1.0);
        assertThat(w[3]).isBetween(-1.0, 1.0).isNotEqualTo(1.0);
    }
}
