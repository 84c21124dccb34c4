package org.pdml.math;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * The radial part of Wood's vMF sampler as the gap g = 1 − w (w = μᵀx), which stays accurate when w
 * → 1 (large κ/D), with its pathwise derivative dg/dκ.
 *
 * <p>Why on the JVM: the accept/reject logic touches only B·S scalars, while each engine op costs a
 * fixed JNI overhead. The random numbers still come from the engine (seeded by its random seed):
 * per round a few normals and uniforms per entry are read back, and every decision is taken here in
 * float64. Draws: e ~ Beta((m−1)/2, (m−1)/2) as G₁/(G₁ + G₂) with G ~ Gamma((m−1)/2, 1) ({@link
 * GammaVariates}; the same law as χ²₁/(χ²₁ + χ²₂) with χ² = ‖N(0, I_{m−1})‖², without its 2(m−1)
 * normals per draw), u ~ U[1e−20, 1) in float64.
 *
 * <ul>
 *   <li>m ≠ 3: proposal g = 2be/M, M = 1 − (1−b)e, accepted iff (m−1) ln t − t + d ≥ ln u with t =
 *       2ab/M; rejected entries alone are redrawn in later rounds. With b′(κ) = −2b/c, dg/dκ =
 *       2e(1−e)/M²·b′ (pathwise through b, no rejection-correction term).
 *   <li>m = 3: exact inversion, q = u + (1−u)e^{−2κ}, g = −ln q/κ, dg/dκ = ln q/κ² +
 *       2(1−u)e^{−2κ}/(qκ); κ floored at 1e−8.
 * </ul>
 */
final class WoodGap {

    private static final int MAX_ROUNDS = 64;
    private static final double KAPPA_FLOOR = 1e-8;
    private static final float UNIFORM_FLOOR = 1e-20f;

    private WoodGap() {}

    /**
     * Samples the gap 1 − w and its derivative.
     *
     * @param manager the manager whose engine draws the random numbers
     * @param kappa κ_r ≥ 0 per row, finite
     * @param dim the dimension m = D ≥ 2
     * @param numSamples S ≥ 1
     * @return {gap, dgap/dκ}, each row-major [B·S], gap in [0, 2]; NaN for the rows (m ≠ 3) whose κ
     *     is NaN or infinite, so that a diverged model yields a NaN loss that the trainer reports
     * @throws IllegalStateException if an entry is still rejected after 64 rounds
     */
    static double[][] sample(NDManager manager, double[] kappa, int dim, int numSamples) {
        return dim == 3
                ? inversion(manager, kappa, numSamples)
                : rejection(manager, kappa, dim, numSamples);
    }

    /** m = 3: {gap, dgap/dκ}. */
    private static double[][] inversion(NDManager manager, double[] kappa, int numSamples) {
        int n = kappa.length * numSamples;
        double[] u = uniforms(manager, n);
        double[] gap = new double[n];
        double[] slope = new double[n];
        for (int j = 0; j < n; j++) {
            double k = Math.max(kappa[j / numSamples], KAPPA_FLOOR);
            double tail = (1 - u[j]) * Math.exp(-2 * k);
            double q = u[j] + tail;
            double logQ = Math.log(q);
            gap[j] = -logQ / k;
            slope[j] = logQ / (k * k) + 2 * tail / (q * k);
        }
        return new double[][] {gap, slope};
    }

    /** m ≠ 3: Wood's rejection loop; {gap, dgap/dκ}. */
    private static double[][] rejection(
            NDManager manager, double[] kappa, int dim, int numSamples) {
        int n = kappa.length * numSamples;
        WoodConstants[] rows = new WoodConstants[kappa.length];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Double.isFinite(kappa[r]) ? WoodConstants.of(kappa[r], dim) : null;
        }
        double m1 = dim - 1.0;
        double[] gap = new double[n];
        double[] slope = new double[n];
        int[] todo = new int[n];
        int pending = 0;
        for (int j = 0; j < n; j++) {
            if (Double.isFinite(kappa[j / numSamples])) {
                todo[pending++] = j;
            } else {
                gap[j] = Double.NaN;
                slope[j] = Double.NaN;
            }
        }
        todo = Arrays.copyOf(todo, pending);
        for (int round = 0; round < MAX_ROUNDS && todo.length > 0; round++) {
            double[] gamma = GammaVariates.draw(manager, 2 * todo.length, m1 / 2);
            double[] u = uniforms(manager, todo.length);
            int left = 0;
            for (int i = 0; i < todo.length; i++) {
                int j = todo[i];
                WoodConstants w = rows[j / numSamples];
                double e = gamma[2 * i] / (gamma[2 * i] + gamma[2 * i + 1]);
                double envelope = 1 - (1 - w.b()) * e;
                double t = 2 * w.a() * w.b() / envelope;
                if (m1 * Math.log(t) - t + w.d() >= Math.log(u[i])) {
                    gap[j] = 2 * w.b() * e / envelope;
                    double dGapDb = 2 * e * (1 - e) / (envelope * envelope);
                    slope[j] = dGapDb * (-2 * w.b() / w.c());
                } else {
                    todo[left++] = j;
                }
            }
            todo = Arrays.copyOf(todo, left);
        }
        if (todo.length > 0) {
            throw new IllegalStateException(
                    "Wood sampler: rows still rejected after "
                            + MAX_ROUNDS
                            + " rounds (D="
                            + dim
                            + ")");
        }
        return new double[][] {gap, slope};
    }

    /** n draws of U[1e−20, 1) in float64. */
    private static double[] uniforms(NDManager manager, int n) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray u = scratch.randomUniform(UNIFORM_FLOOR, 1f, new Shape(n), DataType.FLOAT64);
            return u.toDoubleArray();
        }
    }
}
