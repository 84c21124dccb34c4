package org.pdml.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pdml.testing.ClassManager;

/** Wood's sampler against A_D, docs/method.md §5 oracles 2 and 3, and the exact w-density (KS). */
class WoodVmfSamplerTest {

    private static final double[] KAPPAS = {0.5, 10, 12, 50, 500};
    @RegisterExtension static final ClassManager manager = new ClassManager();

    @Test
    void woodConstantsMatchOracleThree() {
        WoodConstants wood = WoodConstants.of(9, 128);
        assertThat(wood.c()).isCloseTo(128.269248, within(5e-7));
        assertThat(wood.b()).isCloseTo(0.868262, within(5e-7));
        assertThat(wood.a()).isCloseTo(68.317312, within(5e-7));
        assertThat(wood.d()).isCloseTo(-488.211760, within(5e-7));
        assertThat(WoodConstants.referenceBlendedB(10.5, 128)).isCloseTo(1.936017, within(5e-7));
        // The blend exceeds 1 in high D (docs/method.md §2 item 2), the exact b never does.
        assertThat(WoodConstants.of(10.5, 128).b()).isLessThan(1);
    }

    @Test
    void meanOfMuDotXMatchesMeanResultantLengthWithinFourStandardErrors() {
        Engine.getInstance().setRandomSeed(11);
        for (int dim : new int[] {3, 16, 128, 512}) {
            int n = dim <= 16 ? 4000 : dim == 128 ? 1500 : 1000;
            try (NDManager sub = manager.get().newSubManager()) {
                NDArray mu = randomUnitRows(sub, KAPPAS.length, dim);
                NDArray kappa = sub.create(KAPPAS);
                NDArray x = WoodVmfSampler.sample(mu, kappa, n);
                assertThat(x.getShape()).isEqualTo(new Shape(KAPPAS.length, n, dim));
                NDArray norms = x.square().sum(new int[] {2}).sqrt();
                assertThat(norms.sub(1).abs().max().getDouble()).isLessThan(1e-6);
                double[] mean =
                        x.mul(mu.expandDims(1))
                                .sum(new int[] {2})
                                .mean(new int[] {1})
                                .toDoubleArray();
                double[] a = MeanResultantLength.of(kappa, dim).toDoubleArray();
                for (int i = 0; i < KAPPAS.length; i++) {
                    double se = Math.sqrt(variance(a[i], KAPPAS[i], dim) / n);
                    assertThat(mean[i])
                            .as("D=%d kappa=%s", dim, KAPPAS[i])
                            .isCloseTo(a[i], within(4 * se));
                }
            }
        }
    }

    @Test
    void varianceOfWMatchesOracleTwo() {
        int[] dims = {3, 128, 128, 512};
        double[] kappas = {10, 10, 50, 50};
        double[] means = {0.9000, 0.077661, 0.344762, 0.096746};
        double[] variances = {0.0100000, 0.0076744, 0.0054429, 0.0018992};
        Engine.getInstance().setRandomSeed(12);
        for (int i = 0; i < dims.length; i++) {
            int n = dims[i] == 3 ? 4000 : 2000;
            try (NDManager sub = manager.get().newSubManager()) {
                NDArray kappa = sub.create(new double[] {kappas[i]});
                double a = MeanResultantLength.of(kappa, dims[i]).getDouble(0);
                // The oracle's columns are E[w] = A_D and Var[w] = 1 − A² − (D−1)A/κ.
                assertThat(a).isCloseTo(means[i], within(5e-7));
                assertThat(variance(a, kappas[i], dims[i])).isCloseTo(variances[i], within(5e-8));
                double[] w = WoodVmfSampler.sampleW(kappa, dims[i], n).toDoubleArray();
                double[] moments = centralMoments(w);
                double se = Math.sqrt((moments[1] - moments[0] * moments[0]) / n);
                assertThat(moments[0])
                        .as("D=%d kappa=%s", dims[i], kappas[i])
                        .isCloseTo(variances[i], within(4 * se));
            }
        }
    }

    @Test
    void wFollowsTheExactDensityByKolmogorovSmirnov() {
        Engine.getInstance().setRandomSeed(13);
        int n = 3000;
        double critical = 1.9495 / Math.sqrt(n); // α = 0.001
        for (int dim : new int[] {3, 16}) {
            for (double kappa : new double[] {0.5, 2, 10}) {
                double[] w =
                        WoodVmfSampler.sampleW(manager.get().create(new double[] {kappa}), dim, n)
                                .toDoubleArray();
                assertThat(WDensity.ksStatistic(w, kappa, dim))
                        .as("D=%d kappa=%s", dim, kappa)
                        .isLessThan(critical);
                // Power: the same draws are clearly not from a 20% larger κ.
                assertThat(WDensity.ksStatistic(w, kappa * 1.2 + 1, dim)).isGreaterThan(critical);
            }
        }
    }

    @Test
    void gradientsFlowToMuAndKappaAndMatchFiniteDifferences() {
        for (int dim : new int[] {3, 16}) {
            NDArray mu = randomUnitRows(manager.get(), 2, dim);
            NDArray kappa = manager.get().create(new double[] {0.7, 5});
            mu.setRequiresGradient(true);
            kappa.setRequiresGradient(true);
            NDArray weights = manager.get().randomNormal(new Shape(2, 8, dim), DataType.FLOAT64);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(WoodVmfSampler.sample(mu, kappa, 8).mul(weights).sum());
            }
            assertFiniteNonzero(mu.getGradient());
            assertFiniteNonzero(kappa.getGradient());
            assertPathwiseDerivativeMatchesCommonRandomNumbers(dim);
        }
    }

    /**
     * dw/dκ per draw against central differences with common random numbers: κ is repeated over 200
     * rows with one sample each, so one backward pass gives every row's own derivative. A draw
     * whose accept/reject decision flips between κ ± h may differ; at most 2 are allowed.
     */
    private static void assertPathwiseDerivativeMatchesCommonRandomNumbers(int dim) {
        int rows = 200;
        double kappa = 5;
        double h = 1e-6;
        NDArray k = manager.get().full(new Shape(rows), (float) kappa, DataType.FLOAT64);
        k.setRequiresGradient(true);
        Engine.getInstance().setRandomSeed(21);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(WoodVmfSampler.sampleW(k, dim, 1).sum());
        }
        double[] grads = k.getGradient().toDoubleArray();
        double[] up = drawW(k.add(h), dim);
        double[] down = drawW(k.sub(h), dim);
        int agree = 0;
        for (int s = 0; s < rows; s++) {
            double fd = (up[s] - down[s]) / (2 * h);
            agree += Math.abs(fd - grads[s]) <= 1e-5 * Math.max(1, Math.abs(grads[s])) ? 1 : 0;
        }
        assertThat(agree).as("D=%d", dim).isGreaterThanOrEqualTo(rows - 2);
    }

    private static double[] drawW(NDArray kappa, int dim) {
        Engine.getInstance().setRandomSeed(21);
        return WoodVmfSampler.sampleW(kappa.stopGradient(), dim, 1).toDoubleArray();
    }

    @Test
    void fixedSeedReproducesSamples() {
        NDArray mu = randomUnitRows(manager.get(), 3, 32);
        NDArray kappa = manager.get().create(new double[] {1, 20, 300});
        Engine.getInstance().setRandomSeed(5);
        NDArray first = WoodVmfSampler.sample(mu, kappa, 16);
        Engine.getInstance().setRandomSeed(5);
        NDArray again = WoodVmfSampler.sample(mu, kappa, 16);
        Engine.getInstance().setRandomSeed(6);
        NDArray other = WoodVmfSampler.sample(mu, kappa, 16);
        assertThat(again.toDoubleArray()).containsExactly(first.toDoubleArray());
        assertThat(other.sub(first).abs().max().getDouble()).isGreaterThan(1e-3);
    }

    @Test
    void float32IsFiniteUpToKappa1e5AtD4096() {
        float[] kappas = {0f, 1e-3f, 1f, 100f, 1e4f, 1e5f};
        for (int dim : new int[] {3, 4096}) {
            try (NDManager sub = manager.get().newSubManager()) {
                NDArray mu =
                        randomUnitRows(sub, kappas.length, dim).toType(DataType.FLOAT32, false);
                NDArray kappa = sub.create(kappas);
                mu.setRequiresGradient(true);
                kappa.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray x = WoodVmfSampler.sample(mu, kappa, 4);
                    assertThat(x.getDataType()).isEqualTo(DataType.FLOAT32);
                    assertFinite(x);
                    assertThat(x.square().sum(new int[] {2}).sub(1).abs().max().getFloat())
                            .isLessThan(1e-5f);
                    gc.backward(x.sum());
                }
                assertFinite(mu.getGradient());
                assertFinite(kappa.getGradient());
            }
        }
    }

    @Test
    void uncheckedANonFiniteKappaGivesNaNRowsInsteadOfAnException() {
        try (NDManager sub = manager.get().newSubManager()) {
            NDArray mu = randomUnitRows(sub, 3, 8);
            NDArray kappa = sub.create(new double[] {Double.NaN, 5, Double.POSITIVE_INFINITY});
            double[] x = WoodVmfSampler.sampleUnchecked(mu, kappa, 2).toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                boolean finiteRow = i / 16 == 1;
                assertThat(Double.isNaN(x[i])).as("entry %d", i).isEqualTo(!finiteRow);
            }
        }
    }

    @Test
    void rejectsBadInput() {
        NDArray mu = randomUnitRows(manager.get(), 2, 4);
        assertThatThrownBy(
                        () -> WoodVmfSampler.sample(mu, manager.get().create(new double[] {1}), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kappa [B]");
        assertThatThrownBy(
                        () -> WoodVmfSampler.sampleW(manager.get().create(new double[] {1}), 4, 0))
                .hasMessageContaining("numSamples");
        assertThatThrownBy(
                        () -> WoodVmfSampler.sampleW(manager.get().create(new double[] {1}), 1, 2))
                .hasMessageContaining("D must be >= 2");
    }

    static double variance(double a, double kappa, int dim) {
        return 1 - a * a - (dim - 1) * a / kappa;
    }

    /** {second, fourth} central moments. */
    private static double[] centralMoments(double[] w) {
        double mean = 0;
        for (double v : w) {
            mean += v / w.length;
        }
        double m2 = 0;
        double m4 = 0;
        for (double v : w) {
            double d2 = (v - mean) * (v - mean);
            m2 += d2 / w.length;
            m4 += d2 * d2 / w.length;
        }
        return new double[] {m2, m4};
    }

    private static NDArray randomUnitRows(NDManager m, int rows, int dim) {
        NDArray g = m.randomNormal(new Shape(rows, dim), DataType.FLOAT64);
        return g.div(g.square().sum(new int[] {1}, true).sqrt());
    }

    private static void assertFinite(NDArray x) {
        assertThat(x.isNaN().any().getBoolean()).isFalse();
        assertThat(x.isInfinite().any().getBoolean()).isFalse();
    }

    private static void assertFiniteNonzero(NDArray grad) {
        assertFinite(grad);
        assertThat(grad.abs().max().getDouble()).isGreaterThan(0);
    }
}
