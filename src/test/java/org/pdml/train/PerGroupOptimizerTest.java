package org.pdml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.PairList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-group updates against torch's closed forms, clipping, schedules and exact state resume. */
class PerGroupOptimizerTest {

    private static final float[] W0 = {1f, -2f, 0.5f};
    private static final float[] G = {0.1f, -0.3f, 2f};

    @Test
    void eachGroupTakesItsOwnAdamStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter head = param(manager, "weight", W0);
            Parameter kappa = param(manager, "kappa", W0);
            try (PerGroupOptimizer opt =
                    PerGroupOptimizer.builder()
                            .addGroup(
                                    ParameterGroup.adam("head", Tracker.fixed(1e-3f), 0f), of(head))
                            .addGroup(
                                    ParameterGroup.adam("kappa", Tracker.fixed(0.5f), 0.1f),
                                    of(kappa))
                            .build()) {
                double[] expectHead = adamClosedForm(1e-3, 0, false, 2);
                double[] expectKappa = adamClosedForm(0.5, 0.1, false, 2);
                for (int step = 0; step < 2; step++) {
                    update(opt, manager, head, G);
                    update(opt, manager, kappa, G);
                }
                assertClose(head, expectHead);
                assertClose(kappa, expectKappa);
            }
        }
    }

    @Test
    void adamWDecouplesDecayAndSgdUsesMomentum() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter a = param(manager, "a", W0);
            Parameter s = param(manager, "s", W0);
            try (PerGroupOptimizer opt =
                    PerGroupOptimizer.builder()
                            .addGroup(ParameterGroup.adamW("a", Tracker.fixed(0.01f), 0.5f), of(a))
                            .addGroup(
                                    ParameterGroup.sgd("s", Tracker.fixed(0.1f), 0.2f, 0.9f), of(s))
                            .build()) {
                for (int step = 0; step < 2; step++) {
                    update(opt, manager, a, G);
                    update(opt, manager, s, G);
                }
                assertClose(a, adamClosedForm(0.01, 0.5, true, 2));
                double[] sgd = new double[3];
                for (int i = 0; i < 3; i++) {
                    // b1 = g + λw0; w1 = w0 − lr·b1; b2 = μb1 + g + λw1; w2 = w1 − lr·b2.
                    double b1 = G[i] + 0.2 * W0[i];
                    double w1 = W0[i] - 0.1 * b1;
                    double b2 = 0.9 * b1 + G[i] + 0.2 * w1;
                    sgd[i] = w1 - 0.1 * b2;
                }
                assertClose(s, sgd);
            }
        }
    }

    /** torch.optim.Adam / AdamW with a constant gradient G, in double precision. */
    private static double[] adamClosedForm(double lr, double decay, boolean decoupled, int steps) {
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            double w = W0[i];
            double m = 0;
            double v = 0;
            for (int t = 1; t <= steps; t++) {
                double g = decoupled ? G[i] : G[i] + decay * w;
                w = decoupled ? w * (1 - lr * decay) : w;
                m = 0.9 * m + 0.1 * g;
                v = 0.999 * v + 0.001 * g * g;
                double mHat = m / (1 - Math.pow(0.9, t));
                double vHat = v / (1 - Math.pow(0.999, t));
                w -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
            out[i] = w;
        }
        return out;
    }

    @Test
    void clippingScalesByGlobalNorm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter a = param(manager, "a", new float[] {0f});
            Parameter b = param(manager, "b", new float[] {0f});
            try (PerGroupOptimizer opt =
                    PerGroupOptimizer.builder()
                            .addGroup(
                                    ParameterGroup.sgd("g", Tracker.fixed(1f), 0f, 0f), both(a, b))
                            .build()) {
                a.getArray().setRequiresGradient(true);
                b.getArray().setRequiresGradient(true);
                try (var collector = Engine.getInstance().newGradientCollector()) {
                    // L = 3a + 4b: gradient (3, 4), norm 5.
                    collector.backward(a.getArray().mul(3).add(b.getArray().mul(4)).sum());
                }
                assertThat(opt.clipGradNorm(List.of(a, b), 1.0)).isCloseTo(5.0, within(1e-6));
                opt.update(a.getId(), a.getArray(), a.getArray().getGradient());
                opt.update(b.getId(), b.getArray(), b.getArray().getGradient());
                assertThat(a.getArray().getFloat(0)).isCloseTo(-0.6f, within(1e-6f));
                assertThat(b.getArray().getFloat(0)).isCloseTo(-0.8f, within(1e-6f));
            }
        }
    }

    @Test
    void savedStateGivesBitIdenticalLaterUpdatesInAFreshOptimiser() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter[] first = {
                param(manager, "w", W0), param(manager, "k", W0), param(manager, "t", W0)
            };
            Parameter[] second = new Parameter[3];
            NDArray grads = manager.randomNormal(new Shape(5, 3, 3));
            try (PerGroupOptimizer a = threeGroups(first)) {
                for (int step = 0; step < 3; step++) {
                    updateAll(a, first, grads.get(step));
                }
                ByteArrayOutputStream saved = new ByteArrayOutputStream();
                a.saveState(saved);
                for (int i = 0; i < 3; i++) {
                    second[i] =
                            param(manager, first[i].getName(), first[i].getArray().toFloatArray());
                }
                // A fresh optimiser over fresh parameters (new DJL ids), as after a restart.
                try (PerGroupOptimizer b = threeGroups(second)) {
                    b.loadState(new ByteArrayInputStream(saved.toByteArray()));
                    for (int step = 3; step < 5; step++) {
                        updateAll(a, first, grads.get(step));
                        updateAll(b, second, grads.get(step));
                    }
                }
            }
            for (int i = 0; i < 3; i++) {
                assertThat(second[i].getArray().toFloatArray())
                        .isEqualTo(first[i].getArray().toFloatArray())
                        .isNotEqualTo(W0);
            }
        }
    }

    private static PerGroupOptimizer threeGroups(Parameter[] p) {
        return PerGroupOptimizer.builder()
                .addGroup(
                        ParameterGroup.adam(
                                "head", Schedules.multiStep(0.1f, new int[] {2}, 0.3f), 0.01f),
                        of(p[0]))
                .addGroup(
                        ParameterGroup.adamW("kappa", Schedules.cosine(0.2f, 4, 0.01f), 0.1f),
                        of(p[1]))
                .addGroup(
                        ParameterGroup.sgd("temperature", Tracker.fixed(0.05f), 0f, 0.9f), of(p[2]))
                .build();
    }

    private static void updateAll(PerGroupOptimizer opt, Parameter[] params, NDArray grads) {
        for (int i = 0; i < params.length; i++) {
            opt.update(params[i].getId(), params[i].getArray(), grads.get(i));
        }
    }

    @Test
    void unknownParameterAndForeignStateAreNamed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter a = param(manager, "a", W0);
            Parameter stray = param(manager, "stray", W0);
            try (PerGroupOptimizer opt =
                    PerGroupOptimizer.builder()
                            .addGroup(ParameterGroup.adam("g", Tracker.fixed(1f), 0f), of(a))
                            .build()) {
                assertThatThrownBy(() -> update(opt, manager, stray, G))
                        .hasMessageContaining(stray.getId());
                assertThatThrownBy(
                                () ->
                                        opt.loadState(
                                                new ByteArrayInputStream(
                                                        new byte[] {0, 3, 'x', 'y', 'z'})))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("xyz");
            }
        }
    }

    private static Parameter param(NDManager manager, String name, float[] values) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.OTHER)
                .optArray(manager.create(values))
                .build();
    }

    private static PairList<String, Parameter> of(Parameter p) {
        PairList<String, Parameter> list = new PairList<>();
        list.add(p.getName(), p);
        return list;
    }

    private static PairList<String, Parameter> both(Parameter a, Parameter b) {
        PairList<String, Parameter> list = of(a);
        list.add(b.getName(), b);
        return list;
    }

    private static void update(PerGroupOptimizer opt, NDManager manager, Parameter p, float[] g) {
        opt.update(p.getId(), p.getArray(), manager.create(g));
    }

    private static void assertClose(Parameter p, double[] expected) {
        float[] actual = p.getArray().toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i])
                    .isCloseTo(expected[i], within(2e-6 * Math.max(1, Math.abs(expected[i]))));
        }
    }
}
