package org.pdml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** Proxy initialisation, warm start and gradient flow to v, κ and T. */
class VmfProxiesTest {

    private static final int C = 100;
    private static final int D = 156;

    @Test
    void initialisesXavierDirectionsConstantKappaAndTemperature() {
        try (NDManager manager = NDManager.newBaseManager()) {
            VmfProxies proxies = new VmfProxies(C, D, 6f, 0.003f);
            proxies.initialize(manager, DataType.FLOAT32);
            float[] v = proxies.directions().getArray().toFloatArray();
            double sq = 0;
            for (float x : v) {
                sq += (double) x * x;
            }
            // Xavier-normal with gain κ₀: std = κ₀·√(2/(fan_in + fan_out)) = 6·√(2/256) = 0.53.
            assertThat(Math.sqrt(sq / v.length)).isCloseTo(0.5303301, within(0.02));
            assertThat(proxies.kappa().getArray().toFloatArray()).hasSize(C * D).containsOnly(6f);
            assertThat(proxies.temperature().getArray().getShape()).isEqualTo(new Shape());
            assertThat(proxies.temperature().getArray().getFloat()).isEqualTo(0.003f);
        }
    }

    @Test
    void warmStartSetsScaledNormalisedClassMeans() {
        try (NDManager manager = NDManager.newBaseManager()) {
            VmfProxies proxies = new VmfProxies(2, 2, 1f, 1f);
            proxies.initialize(manager, DataType.FLOAT32);
            proxies.warmStart(manager.create(new float[][] {{3f, 4f}, {0f, -2f}}), 10f);
            assertThat(proxies.directions().getArray().toFloatArray())
                    .containsExactly(new float[] {6f, 8f, 0f, -10f}, within(1e-6f));
            assertThatThrownBy(() -> proxies.warmStart(manager.zeros(new Shape(2, 2)), 1f))
                    .hasMessageContaining("zero");
            assertThatThrownBy(() -> proxies.warmStart(manager.ones(new Shape(3, 2)), 1f))
                    .hasMessageContaining("(3, 2)");
        }
    }

    @Test
    void gradientsReachDirectionsKappaAndTemperature() {
        try (NDManager manager = NDManager.newBaseManager()) {
            VmfProxies proxies = new VmfProxies(3, 4, 2f, 0.5f);
            proxies.initialize(manager, DataType.FLOAT32);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out =
                        proxies.forward(new ParameterStore(manager, false), new NDList(), true);
                // L = Σv + 2Σκ + 3T: gradients 1, 2 and 3.
                collector.backward(
                        out.get(0).sum().add(out.get(1).sum().mul(2)).add(out.get(2).mul(3)));
            }
            assertThat(gradient(proxies.directions())).containsOnly(1f);
            assertThat(gradient(proxies.kappa())).containsOnly(2f);
            assertThat(gradient(proxies.temperature())).containsOnly(3f);
        }
    }

    private static float[] gradient(Parameter p) {
        NDArray g = p.getArray().getGradient();
        return g.toFloatArray();
    }

    @Test
    void rejectsNonPositiveSettings() {
        assertThatThrownBy(() -> new VmfProxies(0, 4, 1f, 1f)).hasMessageContaining("0");
        assertThatThrownBy(() -> new VmfProxies(2, 4, 1f, -1f)).hasMessageContaining("-1");
    }
}
