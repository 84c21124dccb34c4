package org.pdml.loss;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.Function;

/**
 * Central finite differences in float64 against DJL autograd: for each input array k and each of
 * its coordinates, (f(x + h e_j) − f(x − h e_j))/2h must equal ∂f/∂x_j within tol·max(1, |∂f|).
 */
final class GradientCheck {

    private static final double H = 1e-6;

    private GradientCheck() {}

    /**
     * @param base the float64 inputs (copied; never mutated)
     * @param f a scalar function of the inputs, built in the given manager
     * @param which index of the input to differentiate
     * @param tol relative tolerance
     */
    static void check(NDList base, Function<NDList, NDArray> f, int which, double tol) {
        double[] analytic = autograd(base, f, which);
        double[] x = base.get(which).toDoubleArray();
        double maxAbs = 0;
        for (int j = 0; j < x.length; j++) {
            double numeric = (eval(base, f, which, j, H) - eval(base, f, which, j, -H)) / (2 * H);
            maxAbs = Math.max(maxAbs, Math.abs(numeric));
            assertThat(analytic[j])
                    .as("d f / d input %d [%d]", which, j)
                    .isCloseTo(
                            numeric,
                            org.assertj.core.data.Offset.offset(
                                    tol * Math.max(1, Math.abs(numeric))));
        }
        // a check that only ever sees zero gradients could not fail
        assertThat(maxAbs).as("some gradient of input %d is non-zero", which).isGreaterThan(1e-8);
    }

    private static double[] autograd(NDList base, Function<NDList, NDArray> f, int which) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList inputs = copy(base, m);
            inputs.get(which).setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(f.apply(inputs));
            }
            return inputs.get(which).getGradient().toDoubleArray();
        }
    }

    private static double eval(
            NDList base, Function<NDList, NDArray> f, int which, int j, double h) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList inputs = copy(base, m);
            double[] x = inputs.get(which).toDoubleArray();
            x[j] += h;
            inputs.set(which, m.create(x, inputs.get(which).getShape()));
            return f.apply(inputs).toDoubleArray()[0];
        }
    }

    private static NDList copy(NDList base, NDManager m) {
        NDList out = new NDList();
        for (NDArray a : base) {
            out.add(m.create(a.toDoubleArray(), a.getShape()));
        }
        return out;
    }
}
