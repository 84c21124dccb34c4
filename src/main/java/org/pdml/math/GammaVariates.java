package org.pdml.math;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Gamma(α, 1) variates by Marsaglia and Tsang's method ("A simple method for generating gamma
 * variables", ACM TOMS 26(3), 2000), with the normals and uniforms drawn from the engine, so that
 * the engine's random seed fixes them.
 *
 * <p>For α ≥ 1, with d = α − 1/3 and c = 1/√(9d): draw x ~ N(0, 1) until v = (1 + cx)³ &gt; 0, draw
 * u ~ U(0, 1), and return dv if u &lt; 1 − 0.0331x⁴ or ln u &lt; x²/2 + d(1 − v + ln v); otherwise
 * try again (at most a few percent of tries fail for α ≥ 1). For α &lt; 1, Gamma(α) = Gamma(α + 1)·
 * U^{1/α}.
 *
 * <p>Why this exists: Wood's sampler needs e ~ Beta((m−1)/2, (m−1)/2) = G₁/(G₁ + G₂). Drawing it as
 * a ratio of χ² norms costs 2(m−1) normals per draw (327,000 per batch at B = 64, S = 5, D = 512);
 * this costs about two normals and two uniforms per draw, whatever m is.
 */
final class GammaVariates {

    private GammaVariates() {}

    /**
     * n independent Gamma(α, 1) draws.
     *
     * @param manager the manager whose engine draws the random numbers
     * @param n how many, ≥ 0
     * @param shape α &gt; 0
     * @return the draws, [n], all &gt; 0 (≥ 0 for tiny α, where float64 underflows)
     * @throws IllegalArgumentException if n &lt; 0 or α is not a positive finite number
     */
    static double[] draw(NDManager manager, int n, double shape) {
        if (n < 0 || !(shape > 0) || Double.isInfinite(shape)) {
            throw new IllegalArgumentException(
                    "gamma draws need n >= 0 and a finite shape > 0, got n=" + n + ", " + shape);
        }
        boolean boost = shape < 1;
        double d = (boost ? shape + 1 : shape) - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        EngineDraws draws = new EngineDraws(manager, n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = marsagliaTsang(draws, d, c);
        }
        if (boost) {
            double[] u = draws.uniforms(n);
            for (int i = 0; i < n; i++) {
                out[i] *= Math.pow(u[i], 1 / shape);
            }
        }
        return out;
    }

    private static double marsagliaTsang(EngineDraws draws, double d, double c) {
        while (true) {
            double x;
            double v;
            do {
                x = draws.normal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = draws.uniform();
            double x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /**
     * Normals and uniforms read back from the engine in batches, consumed in order. A batch holds
     * the expected need plus a margin, so one batch of each almost always suffices.
     */
    private static final class EngineDraws {
        private final NDManager manager;
        private final int batch;
        private double[] normals = new double[0];
        private double[] uniforms = new double[0];
        private int nextNormal;
        private int nextUniform;

        EngineDraws(NDManager manager, int expected) {
            this.manager = manager;
            this.batch = expected + expected / 8 + 16;
        }

        double normal() {
            if (nextNormal == normals.length) {
                normals = read(true, batch);
                nextNormal = 0;
            }
            return normals[nextNormal++];
        }

        double uniform() {
            if (nextUniform == uniforms.length) {
                uniforms = read(false, batch);
                nextUniform = 0;
            }
            return uniforms[nextUniform++];
        }

        double[] uniforms(int n) {
            return read(false, n);
        }

        private double[] read(boolean normal, int n) {
            try (NDManager scratch = manager.newSubManager()) {
                Shape shape = new Shape(n);
                NDArray a =
                        normal
                                ? scratch.randomNormal(0f, 1f, shape, DataType.FLOAT64)
                                : scratch.randomUniform(0f, 1f, shape, DataType.FLOAT64);
                return a.toDoubleArray();
            }
        }
    }
}
