package org.pdml.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Label layouts that empty some masked sums: one class for the whole batch, classes with no batch
 * member, and a single class. Values match the naive loops; gradients are finite.
 */
class MaskingEdgeCaseTest {

    private static final double ALPHA = 32;
    private static final double DELTA = 0.1;
    private static final double WG = 0.7;

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("every sample in one class", 3, new long[] {1, 1, 1, 1}),
                Arguments.of("classes without batch members", 6, new long[] {0, 0, 4, 4}),
                Arguments.of("a single class", 1, new long[] {0, 0, 0, 0}));
    }

    private static LossFixtures problem(int classes, long[] labels) {
        return LossFixtures.random(3, labels.length, classes, 6, labels, 0.3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void paperLossWithCosineMatchesNaiveLoops(String layout, int classes, long[] labels) {
        LossFixtures f = problem(classes, labels);
        double[][] cos = NaiveProxyLosses.cosines(f.z(), f.v());
        double[][] logits = new double[cos.length][classes];
        for (int i = 0; i < cos.length; i++) {
            for (int c = 0; c < classes; c++) {
                logits[i][c] = cos[i][c] / f.t();
            }
        }
        double expected =
                NaiveProxyLosses.nca(logits, labels)
                        + WG * NaiveProxyLosses.guidance(cos, labels, ALPHA, DELTA);
        assertThat(valueAndCheckGradients("cos", f)).isCloseTo(expected, within(1e-10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void proxyAnchorMatchesNaiveLoops(String layout, int classes, long[] labels) {
        LossFixtures f = problem(classes, labels);
        double[][] cos = NaiveProxyLosses.cosines(f.z(), f.v());
        double expected = NaiveProxyLosses.proxyAnchor(cos, labels, ALPHA, DELTA);
        assertThat(valueAndCheckGradients("proxy-anchor", f)).isCloseTo(expected, within(1e-10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void proxyNcaMatchesNaiveLoopsOrRefusesOneClass(String layout, int classes, long[] labels) {
        LossFixtures f = problem(classes, labels);
        if (classes == 1) {
            try (NDManager m = NDManager.newBaseManager()) {
                ProxyLoss loss = LossFactory.create("proxy-nca", params());
                assertThatThrownBy(() -> loss.evaluate(f.labelList(m), f.predictions(m)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("C = 1");
            }
            return;
        }
        double[][] cos = NaiveProxyLosses.cosines(f.z(), f.v());
        double expected = NaiveProxyLosses.proxyNca(cos, labels, f.t());
        assertThat(valueAndCheckGradients("proxy-nca", f)).isCloseTo(expected, within(1e-10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void everyPaperMetricIsFiniteWithFiniteGradients(String layout, int classes, long[] labels) {
        LossFixtures f = problem(classes, labels);
        for (String name : new String[] {"el-vmf", "b-vmf", "nivmf-point", "l2", "norm-softmax"}) {
            assertThat(valueAndCheckGradients(name, f)).as(name).isFinite();
        }
    }

    private static LossParameters params() {
        return LossParameters.DEFAULTS
                .withNormaliser(Normaliser.PAPER_APPROX)
                .withGuidanceWeight(WG);
    }

    /** Evaluates the loss and asserts finite gradients for z and v; returns the value. */
    static double valueAndCheckGradients(String name, LossFixtures f) {
        ProxyLoss loss = LossFactory.create(name, params());
        try (NDManager m = NDManager.newBaseManager()) {
            NDList preds = f.predictions(m);
            for (NDArray a : preds) {
                a.setRequiresGradient(true);
            }
            double value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.evaluate(f.labelList(m), preds);
                value = l.getDouble();
                gc.backward(l);
            }
            for (int k = 0; k < 2; k++) {
                NDArray g = preds.get(k).getGradient();
                assertThat(g.isNaN().any().getBoolean() || g.isInfinite().any().getBoolean())
                        .as("%s gradient of input %d finite", name, k)
                        .isFalse();
            }
            return value;
        }
    }
}
