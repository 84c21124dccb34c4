package org.pdml.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** LogSumExp against hand computations in plain Java, including overflow and −∞ rows. */
class LogSumExpTest {

    @Test
    void matchesDirectSumAndSurvivesOverflowAndAllMinusInfinityRows() {
        double inf = Double.NEGATIVE_INFINITY;
        double[][] rows = {{1, 2, 3}, {1000, 1000, 999}, {inf, 0.5, inf}, {inf, inf, inf}};
        double[] expected = {
            Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)),
            1000 + Math.log(2 + Math.exp(-1)),
            0.5,
            inf
        };
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(rows);
            x.setRequiresGradient(true);
            NDArray lse;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                lse = LogSumExp.of(x, 1, false);
                // The −∞ row is excluded from the loss value but still sends its (zero) gradient.
                gc.backward(lse.get("0:3").sum().add(lse.get(3).mul(0).exp()));
            }
            assertThat(lse.getShape()).isEqualTo(new Shape(4));
            for (int i = 0; i < expected.length; i++) {
                assertThat(lse.getDouble(i)).isCloseTo(expected[i], within(1e-12));
            }
            double[] grad = x.getGradient().toDoubleArray();
            // d LSE / dx = softmax(x); the all −∞ row gets zeros, not NaN.
            assertThat(grad[0]).isCloseTo(Math.exp(1 - expected[0]), within(1e-12));
            assertThat(grad[4]).isCloseTo(1 / (2 + Math.exp(-1)), within(1e-12));
            assertThat(new double[] {grad[6], grad[7], grad[8]}).containsExactly(0, 1, 0);
            assertThat(new double[] {grad[9], grad[10], grad[11]}).containsExactly(0, 0, 0);
            assertThat(LogSumExp.of(x, 0, true).getShape()).isEqualTo(new Shape(1, 3));
            assertThat(LogSumExp.of(x, -1, true).getShape()).isEqualTo(new Shape(4, 1));
        }
    }

    @Test
    void finiteVariantMatchesDirectSumAndSurvivesOverflow() {
        double[][] rows = {{1, 2, 3}, {1000, 1000, 999}, {-3e5, -3e5 + 1, -3e5 - 2}};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(rows);
            x.setRequiresGradient(true);
            NDArray lse;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                lse = LogSumExp.ofFinite(x, 1);
                gc.backward(lse.sum());
            }
            assertThat(lse.getShape()).isEqualTo(new Shape(3));
            double third = -3e5 + 1 + Math.log(Math.exp(-1) + 1 + Math.exp(-3));
            assertThat(lse.getDouble(0))
                    .isCloseTo(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), within(1e-12));
            assertThat(lse.getDouble(1))
                    .isCloseTo(1000 + Math.log(2 + Math.exp(-1)), within(1e-12));
            assertThat(lse.getDouble(2)).isCloseTo(third, within(1e-9));
            double[] grad = x.getGradient().toDoubleArray();
            assertThat(grad[4]).isCloseTo(1 / (2 + Math.exp(-1)), within(1e-12));
            // the expected value itself loses ~3e5·1e−16 in the exponent
            assertThat(grad[7]).isCloseTo(Math.exp(-3e5 + 1 - third), within(1e-9));
        }
    }
}
