package org.pdml.loss;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * float32 inputs at D = 4096 with image norms ‖z‖ and proxy κ from 1e−2 to 1e5 and T = 0.003: every
 * loss's value and the gradients of z, v, κ and T are finite.
 */
class Float32StabilityTest {

    private static final int D = 4096;
    private static final double[] NORMS = {1e-2, 1, 100, 1e4, 1e5, 1e5};
    private static final long[] LABELS = {0, 1, 2, 3, 0, 1};

    static Stream<Arguments> lossesAndNormalisers() {
        return LossFactory.NAMES.stream()
                .flatMap(n -> Stream.of(Normaliser.values()).map(k -> Arguments.of(n, k)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lossesAndNormalisers")
    void forwardAndBackwardStayFinite(String name, Normaliser normaliser) {
        LossParameters p = LossParameters.DEFAULTS.withNormaliser(normaliser);
        assertFinite(LossFactory.create(name, p), name);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"el-nivmf", "kl-vmf", "l2", "cos"})
    void float32AgreesWithFloat64(String name) {
        LossFixtures f = LossFixtures.random(9, 4, 3, 16, new long[] {0, 1, 0, 2}, 0.05);
        ProxyLoss loss = LossFactory.create(name, LossParameters.DEFAULTS.withGuidanceWeight(0.5));
        double[][] g64 = valueAndGradients(loss, f, DataType.FLOAT64);
        double[][] g32 = valueAndGradients(loss, f, DataType.FLOAT32);
        for (int k = 0; k < g64.length; k++) {
            for (int j = 0; j < g64[k].length; j++) {
                double tol = 1e-4 * Math.max(1, Math.abs(g64[k][j]));
                assertThat(g32[k][j])
                        .as("%s [%d][%d]", name, k, j)
                        .isCloseTo(g64[k][j], org.assertj.core.data.Offset.offset(tol));
            }
        }
    }

    /** [value], then the gradients of z, v, κ, T, all as doubles; seeded so EL-nivMF repeats. */
    private static double[][] valueAndGradients(ProxyLoss loss, LossFixtures f, DataType type) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList preds = new NDList();
            for (NDArray a : f.predictions(m)) {
                NDArray typed = a.toType(type, false);
                typed.setRequiresGradient(true);
                preds.add(typed);
            }
            double[][] out = new double[5][];
            Engine.getInstance().setRandomSeed(23);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray value = loss.evaluate(f.labelList(m), preds);
                assertThat(value.getDataType()).isEqualTo(type);
                out[0] = new double[] {value.toType(DataType.FLOAT64, false).getDouble()};
                gc.backward(value);
            }
            for (int k = 0; k < 4; k++) {
                out[k + 1] =
                        preds.get(k).getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
            }
            return out;
        }
    }

    /** Runs one forward and backward pass on the extreme float32 problem and checks finiteness. */
    static void assertFinite(ProxyLoss loss, String name) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList preds = extremeProblem(m);
            for (NDArray a : preds) {
                a.setRequiresGradient(true);
            }
            NDArray value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                value = loss.evaluate(new NDList(m.create(LABELS)), preds);
                gc.backward(value);
            }
            assertThat(value.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(finite(value)).as("%s value %s", name, value).isTrue();
            for (int k = 0; k < preds.size(); k++) {
                assertThat(finite(preds.get(k).getGradient()))
                        .as("%s gradient %d", name, k)
                        .isTrue();
            }
        }
    }

    private static boolean finite(NDArray a) {
        return !a.isNaN().any().getBoolean() && !a.isInfinite().any().getBoolean();
    }

    /** z [6, 4096] with the norms above; v [4, 4096]; κ log-uniform in [1e−2, 1e5], one row 1e5. */
    static NDList extremeProblem(NDManager m) {
        Random r = new Random(17);
        float[] z = new float[NORMS.length * D];
        for (int i = 0; i < NORMS.length; i++) {
            double[] row = new double[D];
            double s = 0;
            for (int j = 0; j < D; j++) {
                row[j] = r.nextGaussian();
                s += row[j] * row[j];
            }
            for (int j = 0; j < D; j++) {
                z[i * D + j] = (float) (row[j] * NORMS[i] / Math.sqrt(s));
            }
        }
        int c = 4;
        float[] v = new float[c * D];
        float[] kappa = new float[c * D];
        for (int k = 0; k < c * D; k++) {
            v[k] = (float) r.nextGaussian();
            kappa[k] = k < D ? 1e5f : (float) Math.pow(10, -2 + 7 * r.nextDouble());
        }
        return new NDList(
                m.create(z, new ai.djl.ndarray.types.Shape(NORMS.length, D)),
                m.create(v, new ai.djl.ndarray.types.Shape(c, D)),
                m.create(kappa, new ai.djl.ndarray.types.Shape(c, D)),
                m.create(new float[] {0.003f}));
    }
}
