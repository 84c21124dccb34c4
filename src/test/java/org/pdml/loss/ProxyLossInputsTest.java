package org.pdml.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The loss input convention: validation messages and the fixed-temperature flag. */
class ProxyLossInputsTest {

    private static final LossFixtures F = LossFixtures.random(1, 2, 3, 4, new long[] {0, 2}, 0.5);

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.01, Double.NaN})
    void nonPositiveTemperatureStopsNamingIt(double t) {
        LossFixtures bad = new LossFixtures(F.z(), F.v(), F.kappa(), t, F.labels());
        try (NDManager m = NDManager.newBaseManager()) {
            ProxyLoss loss = LossFactory.create("cos", LossParameters.DEFAULTS);
            assertThatThrownBy(() -> loss.evaluate(bad.labelList(m), bad.predictions(m)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("temperature T");
        }
    }

    @Test
    void labelOutsideTheClassesIsNamed() {
        LossFixtures bad = new LossFixtures(F.z(), F.v(), F.kappa(), 0.5, new long[] {0, 3});
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> bad.inputs(m))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("label 3 outside 0..2");
        }
    }

    @Test
    void kappaShapeMustMatchDirections() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList preds = F.predictions(m);
            preds.set(2, m.ones(new ai.djl.ndarray.types.Shape(3, 1)));
            assertThatThrownBy(() -> ProxyLossInputs.of(F.labelList(m), preds, true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("proxy kappa (3, 1)");
        }
    }

    @Test
    void missingPredictionIsNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList preds = F.predictions(m);
            preds.remove(3);
            assertThatThrownBy(() -> ProxyLossInputs.of(F.labelList(m), preds, true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[z, directions, kappa, temperature]");
        }
    }

    @Test
    void fixedTemperatureGetsNoGradientWhileLearnableDoes() {
        assertThat(temperatureGradient(true)).isNotEqualTo(0.0);
        assertThat(temperatureGradient(false)).isEqualTo(0.0);
    }

    private static double temperatureGradient(boolean learnable) {
        LossParameters p = LossParameters.DEFAULTS.withLearnableTemperature(learnable);
        ProxyLoss loss = LossFactory.create("norm-softmax", p);
        try (NDManager m = NDManager.newBaseManager()) {
            NDList preds = F.predictions(m);
            NDArray t = preds.get(3);
            t.setRequiresGradient(true);
            preds.get(0).setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(loss.evaluate(F.labelList(m), preds));
            }
            // DJL reports an absent gradient as float32 zeros
            return t.getGradient()
                    .toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
                    .getDouble(0);
        }
    }

    @Test
    void float32InputsGiveAFloat32Loss() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList preds = new NDList();
            for (NDArray a : F.predictions(m)) {
                preds.add(a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
            }
            NDArray loss =
                    LossFactory.create("cos", LossParameters.DEFAULTS)
                            .evaluate(F.labelList(m), preds);
            assertThat(loss.getDataType()).isEqualTo(ai.djl.ndarray.types.DataType.FLOAT32);
        }
    }
}
