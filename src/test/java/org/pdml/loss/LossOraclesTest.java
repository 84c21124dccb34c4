package org.pdml.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** docs/method.md §5 oracles 7 (CE), 8, 9 and 10 through the public losses and similarities. */
class LossOraclesTest {

    private static final LossParameters FIT =
            LossParameters.DEFAULTS.withNormaliser(Normaliser.PAPER_APPROX).withGuidanceWeight(0);

    /** Oracle 8's problem: D = 4, μ₀ = e₁, K₀ = (2,1,1,1), μ₁ = e₂, K₁ = 1, label 0. */
    private static ProxyLossInputs oracle8(NDManager m, double t) {
        LossFixtures f =
                new LossFixtures(
                        new double[][] {{1, 0, 0, 0}},
                        new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}},
                        new double[][] {{2, 1, 1, 1}, {1, 1, 1, 1}},
                        t,
                        new long[] {0});
        return f.inputs(m);
    }

    private static NDArray oracle8Samples(NDManager m) {
        return m.create(
                new double[] {1, 0, 0, 0, 0.6, 0.8, 0, 0}, new ai.djl.ndarray.types.Shape(1, 2, 4));
    }

    private static double elNivmfLoss(ProxyLossInputs in, NDArray samples, Normaliser n) {
        ElNivmf sim = new ElNivmf(2, NivmfForm.UNSTRETCHED, n, 0.1);
        double unfused =
                NcaLoss.perSample(sim.logitsFromSamples(samples, in), in.labels()).getDouble(0);
        // the fused path (one log-softmax over S·C) is the one training uses
        double fused = sim.ncaPerSampleFromSamples(samples, in).getDouble(0);
        assertThat(fused).isCloseTo(unfused, within(1e-12));
        return fused;
    }

    @Test
    void oracle8FitScoresAtUnitTemperature() {
        try (NDManager m = NDManager.newBaseManager()) {
            ElNivmf sim = new ElNivmf(2, NivmfForm.UNSTRETCHED, Normaliser.PAPER_APPROX, 0.1);
            double[] s = sim.scoresFromSamples(oracle8Samples(m), oracle8(m, 1)).toDoubleArray();
            assertThat(s[0]).isCloseTo(869.67354709, within(1e-6));
            assertThat(s[1]).isCloseTo(868.47671879, within(1e-6));
        }
    }

    @Test
    void oracle8FitLossAtUnitTemperature() {
        try (NDManager m = NDManager.newBaseManager()) {
            double loss = elNivmfLoss(oracle8(m, 1), oracle8Samples(m), Normaliser.PAPER_APPROX);
            assertThat(loss).isCloseTo(0.26401753, within(1e-8));
        }
    }

    @Test
    void oracle8FitLossAtHalfTemperature() {
        try (NDManager m = NDManager.newBaseManager()) {
            double loss = elNivmfLoss(oracle8(m, 0.5), oracle8Samples(m), Normaliser.PAPER_APPROX);
            assertThat(loss).isCloseTo(0.08736529, within(1e-8));
        }
    }

    /** Oracle 7: D = 128, K = 9·1, proxies e₁, e₂, the single sample e₁, T = 1, label 0. */
    static double oracle7Loss(NDManager m, Normaliser n) {
        double[][] z = new double[1][128];
        z[0][0] = 1;
        double[][] v = new double[2][128];
        v[0][0] = 1;
        v[1][1] = 1;
        double[][] kappa = new double[2][128];
        java.util.Arrays.fill(kappa[0], 9);
        java.util.Arrays.fill(kappa[1], 9);
        ProxyLossInputs in = new LossFixtures(z, v, kappa, 1, new long[] {0}).inputs(m);
        NDArray sample = in.z().reshape(1, 1, 128);
        return elNivmfLoss(in, sample, n);
    }

    @Test
    void oracle7CrossEntropyWithTheFit() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(oracle7Loss(m, Normaliser.PAPER_APPROX))
                    .isCloseTo(1.2340219e-4, within(1e-11));
        }
    }

    @Test
    void oracle7CrossEntropyWithTheExactNormaliser() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(oracle7Loss(m, Normaliser.EXACT)).isCloseTo(1.2340219e-4, within(1e-11));
        }
    }

    @Test
    void oracle8ExactScoresAtUnitTemperature() {
        try (NDManager m = NDManager.newBaseManager()) {
            ElNivmf sim = new ElNivmf(2, NivmfForm.UNSTRETCHED, Normaliser.EXACT, 0.1);
            double[] s = sim.scoresFromSamples(oracle8Samples(m), oracle8(m, 1)).toDoubleArray();
            assertThat(s[0]).isCloseTo(-1.76878794, within(1e-6));
            assertThat(s[1]).isCloseTo(-2.62715266, within(1e-6));
        }
    }

    @Test
    void oracle8ExactLossAtUnitTemperature() {
        try (NDManager m = NDManager.newBaseManager()) {
            double loss = elNivmfLoss(oracle8(m, 1), oracle8Samples(m), Normaliser.EXACT);
            assertThat(loss).isCloseTo(0.35336773, within(1e-8));
        }
    }

    @Test
    void oracle8ExactLossAtHalfTemperature() {
        try (NDManager m = NDManager.newBaseManager()) {
            double loss = elNivmfLoss(oracle8(m, 0.5), oracle8Samples(m), Normaliser.EXACT);
            assertThat(loss).isCloseTo(0.16522012, within(1e-8));
        }
    }

    /** Oracle 9: proxies e₁, e₂; α = 32, δ = 0.1. */
    private static double guidance(NDManager m, double[][] z, long[] labels) {
        LossFixtures f =
                new LossFixtures(
                        z,
                        new double[][] {{1, 0}, {0, 1}},
                        new double[][] {{1, 1}, {1, 1}},
                        1,
                        labels);
        return new ProxyAnchorGuidance(32, 0.1).of(f.inputs(m)).getDouble();
    }

    @Test
    void oracle9GuidanceTwoClasses() {
        try (NDManager m = NDManager.newBaseManager()) {
            double g = guidance(m, new double[][] {{1, 0}, {0, 1}}, new long[] {0, 1});
            assertThat(g).isCloseTo(3.23995333, within(5e-9));
            // the positive part alone is log(1 + e^{−28.8}) = 3.1e−13
            assertThat(g - Math.log(1 + Math.exp(3.2))).isCloseTo(3.1e-13, within(0.05e-13));
        }
    }

    @Test
    void oracle9GuidanceOneClassWithAnEmptyNegativeSet() {
        try (NDManager m = NDManager.newBaseManager()) {
            double g = guidance(m, new double[][] {{1, 0}, {0.6, 0.8}}, new long[] {0, 0});
            assertThat(g).isCloseTo(14.40000011, within(5e-9));
        }
    }

    @Test
    void oracle10CosineLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            LossFixtures f =
                    new LossFixtures(
                            new double[][] {{1, 0}},
                            new double[][] {{1, 0}, {0, 1}},
                            new double[][] {{1, 1}, {1, 1}},
                            0.1,
                            new long[] {0});
            NDArray loss =
                    LossFactory.create("cos", FIT).evaluate(f.labelList(m), f.predictions(m));
            assertThat(loss.getDouble()).isCloseTo(4.5398899e-5, within(1e-12));
        }
    }

    @Test
    void oracle10PerSampleEqualsTheMeanForOneImage() {
        try (NDManager m = NDManager.newBaseManager()) {
            LossFixtures f =
                    new LossFixtures(
                            new double[][] {{1, 0}, {0, 1}},
                            new double[][] {{1, 0}, {0, 1}},
                            new double[][] {{1, 1}, {1, 1}},
                            0.1,
                            new long[] {0, 0});
            NcaLoss loss = (NcaLoss) LossFactory.create("cos", FIT);
            NDList labels = f.labelList(m);
            double[] per = loss.perSample(labels, f.predictions(m)).toDoubleArray();
            assertThat(per[0]).isCloseTo(4.5398899e-5, within(1e-12));
            assertThat(per[1]).isCloseTo(10 + 4.5398899e-5, within(1e-9));
        }
    }
}
