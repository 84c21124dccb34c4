package org.pdml.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * The nivMF log-score computed over blocks of proxy rows equals the one-block computation, in value
 * and in the gradients to the points, the directions and κ, for both forms and for block sizes that
 * do and do not divide C.
 */
class NivmfLogScoreBlocksTest {

    private static final int C = 10;
    private static final int D = 6;

    private interface Score {
        NDArray apply(NDArray x, NDArray v, NDArray kappa, long rows);
    }

    private static final Score UNSTRETCHED =
            (x, v, k, rows) ->
                    NivmfLogScore.blockwise(
                            NivmfLogScore.Form.UNSTRETCHED,
                            x,
                            v,
                            k,
                            0.1,
                            LogNormaliser.exact(),
                            rows);
    private static final Score STRETCHED =
            (x, v, k, rows) ->
                    NivmfLogScore.blockwise(
                            NivmfLogScore.Form.STRETCHED,
                            x,
                            v,
                            k,
                            0.1,
                            LogNormaliser.exact(),
                            rows);

    @Test
    void blocksGiveTheSameScoresAndGradientsInBothForms() {
        for (Score form : new Score[] {UNSTRETCHED, STRETCHED}) {
            double[][] whole = valueAndGradients(form, C);
            for (long rows : new long[] {1, 3, 5, 9}) {
                double[][] blocked = valueAndGradients(form, rows);
                for (int part = 0; part < whole.length; part++) {
                    assertClose(blocked[part], whole[part], "rows " + rows + ", part " + part);
                }
            }
        }
    }

    @Test
    void theComparisonSeesAWrongBlock() {
        // A block that scores against the wrong proxies must not pass as equal: shift κ of the
        // last proxy in the blocked run only.
        double[][] whole = valueAndGradients(UNSTRETCHED, C);
        double[][] shifted = valueAndGradients(UNSTRETCHED, 3, 1e-3);
        assertThat(maxRelative(shifted[0], whole[0])).isGreaterThan(1e-9);
    }

    @Test
    void rejectsANonPositiveBlockSize() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(2, D), DataType.FLOAT64);
            NDArray v = m.ones(new Shape(C, D), DataType.FLOAT64);
            assertThatThrownBy(() -> UNSTRETCHED.apply(x, v, v, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("blockRows");
        }
    }

    private static double[][] valueAndGradients(Score form, long rows) {
        return valueAndGradients(form, rows, 0);
    }

    /** {scores, dL/dx, dL/dv, dL/dκ} for L = Σ w ⊙ scores with fixed weights w. */
    private static double[][] valueAndGradients(Score form, long rows, double lastKappaShift) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            NDArray x = m.randomNormal(new Shape(2, 3, D)).toType(DataType.FLOAT64, false);
            x = x.div(x.norm(new int[] {2}, true));
            NDArray v = m.randomNormal(new Shape(C, D)).toType(DataType.FLOAT64, false);
            NDArray kappa =
                    m.randomUniform(0.05f, 30f, new Shape(C, D)).toType(DataType.FLOAT64, false);
            if (lastKappaShift != 0) {
                kappa.set(new ai.djl.ndarray.index.NDIndex(C - 1 + ", 0"), 1.0 + lastKappaShift);
            }
            NDArray weights =
                    m.randomUniform(-1f, 1f, new Shape(2, 3, C)).toType(DataType.FLOAT64, false);
            for (NDArray a : new NDArray[] {x, v, kappa}) {
                a.setRequiresGradient(true);
            }
            NDArray scores;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                scores = form.apply(x, v, kappa, rows);
                gc.backward(scores.mul(weights).sum());
            }
            return new double[][] {
                scores.toDoubleArray(),
                x.getGradient().toDoubleArray(),
                v.getGradient().toDoubleArray(),
                kappa.getGradient().toDoubleArray()
            };
        }
    }

    private static void assertClose(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        assertThat(maxRelative(actual, expected)).as(what).isLessThan(1e-12);
    }

    private static double maxRelative(double[] a, double[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
        }
        return worst;
    }
}
