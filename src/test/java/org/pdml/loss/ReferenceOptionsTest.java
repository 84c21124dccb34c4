package org.pdml.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference options bindev and subsample_p (docs/method.md §1.5, §2 item 11) against closed
 * forms computed here in plain Java on the {@code cos} similarity (s_ic = cos(z_i, μ_c)/T), and
 * against finite differences.
 */
class ReferenceOptionsTest {

    private static final LossParameters COS = LossParameters.DEFAULTS.withGuidanceWeight(0);

    @Test
    void bindevIsTheProxyAnchorFormulaOnTheSimilaritiesWithUnitScaleAndNoMargin() {
        LossFixtures f = LossFixtures.random(3, 5, 4, 6, new long[] {0, 1, 0, 3, 3}, 0.6);
        double[][] s = cosOverT(f, new int[] {0, 1, 2, 3});
        int b = s.length;
        int c = s[0].length;
        double positive = 0;
        for (int j = 0; j < b; j++) {
            double sum = 1;
            for (int i = 0; i < b; i++) {
                sum += f.labels()[i] == f.labels()[j] ? Math.exp(-s[i][(int) f.labels()[j]]) : 0;
            }
            positive += Math.log(sum) / b;
        }
        double negative = 0;
        for (int k = 0; k < c; k++) {
            double sum = 1;
            for (int i = 0; i < b; i++) {
                sum += f.labels()[i] != k ? Math.exp(s[i][k]) : 0;
            }
            negative += Math.log(sum) / c;
        }
        assertThat(loss(f, "cos", COS.withReferenceOptions(true, 1)))
                .isCloseTo(positive + negative, within(1e-12));
    }

    @Test
    void subsamplingKeepsExactlyTheBatchClassesWhenTheyFillTheQuota() {
        // C = 4, B = 2, p = 0.5: K = max(min(B, C), ⌈pC⌉) = 2, so exactly the classes {1, 3}.
        LossFixtures f = LossFixtures.random(4, 2, 4, 5, new long[] {3, 1}, 0.5);
        double expected = ncaOver(f, new int[] {1, 3});
        for (int seed = 0; seed < 3; seed++) {
            Engine.getInstance().setRandomSeed(seed);
            assertThat(loss(f, "cos", COS.withReferenceOptions(false, 0.5)))
                    .isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void subsamplingDrawsEachNegativeProxyAndMatchesTheSubsetLoss() {
        // C = 6, B = 2 with classes {0, 1}, p = 0.5: K = 3, one random negative out of {2..5}.
        LossFixtures f = LossFixtures.random(5, 2, 6, 5, new long[] {0, 1}, 0.5);
        double[] candidates = new double[6];
        for (int neg = 2; neg < 6; neg++) {
            candidates[neg] = ncaOver(f, new int[] {0, 1, neg});
        }
        Set<Integer> seen = new HashSet<>();
        for (int seed = 0; seed < 60; seed++) {
            Engine.getInstance().setRandomSeed(seed);
            double value = loss(f, "cos", COS.withReferenceOptions(false, 0.5));
            int match = -1;
            for (int neg = 2; neg < 6; neg++) {
                match = Math.abs(value - candidates[neg]) < 1e-12 ? neg : match;
            }
            assertThat(match).as("seed %d: loss %s", seed, value).isPositive();
            seen.add(match);
        }
        assertThat(seen).containsExactlyInAnyOrder(2, 3, 4, 5);
    }

    @Test
    void subsampleOfOneIsTheFullLoss() {
        LossFixtures f = LossFixtures.random(6, 4, 3, 5, new long[] {0, 1, 0, 2}, 0.7);
        assertThat(loss(f, "cos", COS.withReferenceOptions(false, 1)))
                .isCloseTo(ncaOver(f, new int[] {0, 1, 2}), within(1e-12));
    }

    @ParameterizedTest(name = "bindev el-nivmf wrt input {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void bindevGradientMatchesFiniteDifferences(int input) {
        checkSeeded("el-nivmf", LossGradientTest.PARAMS.withReferenceOptions(true, 1), input);
    }

    @ParameterizedTest(name = "subsampled el-nivmf wrt input {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void subsampledGradientMatchesFiniteDifferences(int input) {
        // PROBLEM has C = 3 and B = 4: use more classes so that some are dropped.
        LossFixtures f = LossFixtures.random(7, 3, 7, 5, new long[] {0, 4, 0}, 0.7);
        ProxyLoss loss =
                LossFactory.create(
                        "el-nivmf", LossGradientTest.PARAMS.withReferenceOptions(false, 0.6));
        try (NDManager m = NDManager.newBaseManager()) {
            GradientCheck.check(f.predictions(m), seeded(loss, f.labels()), input, 1e-5);
        }
    }

    @Test
    void rejectsAFractionOutsideTheUnitInterval() {
        assertThatThrownBy(() -> COS.withReferenceOptions(false, 0))
                .hasMessageContaining("subsampleP");
        assertThatThrownBy(() -> COS.withReferenceOptions(false, 1.5))
                .hasMessageContaining("subsampleP");
    }

    private static void checkSeeded(String name, LossParameters p, int input) {
        ProxyLoss loss = LossFactory.create(name, p);
        try (NDManager m = NDManager.newBaseManager()) {
            GradientCheck.check(
                    LossGradientTest.PROBLEM.predictions(m),
                    seeded(loss, LossGradientTest.PROBLEM.labels()),
                    input,
                    1e-5);
        }
    }

    private static Function<NDList, NDArray> seeded(ProxyLoss loss, long[] labels) {
        return preds -> {
            // the same seed gives the same samples and subset, so the loss is smooth
            Engine.getInstance().setRandomSeed(41);
            return loss.evaluate(new NDList(preds.get(0).getManager().create(labels)), preds);
        };
    }

    private static double loss(LossFixtures f, String name, LossParameters p) {
        try (NDManager m = NDManager.newBaseManager()) {
            return LossFactory.create(name, p)
                    .evaluate(f.labelList(m), f.predictions(m))
                    .getDouble();
        }
    }

    /** mean_i [−s_{i,y_i} + LSE_{c ∈ kept} s_ic], by hand. */
    private static double ncaOver(LossFixtures f, int[] kept) {
        double[][] s = cosOverT(f, kept);
        double total = 0;
        for (int i = 0; i < s.length; i++) {
            double sum = 0;
            double own = Double.NaN;
            for (int k = 0; k < kept.length; k++) {
                sum += Math.exp(s[i][k]);
                own = kept[k] == f.labels()[i] ? s[i][k] : own;
            }
            total += (Math.log(sum) - own) / s.length;
        }
        return total;
    }

    /** cos(z_i, v_c)/T for the listed proxies c, [B][kept]. */
    private static double[][] cosOverT(LossFixtures f, int[] kept) {
        double[][] s = new double[f.z().length][kept.length];
        for (int i = 0; i < s.length; i++) {
            for (int k = 0; k < kept.length; k++) {
                double[] v = f.v()[kept[k]];
                double dot = 0;
                double zz = 0;
                double vv = 0;
                for (int j = 0; j < v.length; j++) {
                    dot += f.z()[i][j] * v[j];
                    zz += f.z()[i][j] * f.z()[i][j];
                    vv += v[j] * v[j];
                }
                s[i][k] = dot / Math.sqrt(zz * vv) / f.t();
            }
        }
        return s;
    }
}
