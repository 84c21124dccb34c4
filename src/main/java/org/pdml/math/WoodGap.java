package org.pdml.math;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The radial part of Wood's vMF sampler as the gap g = 1 − w (w = μᵀx), which stays accurate when w
 * → 1 (large κ/D), with its pathwise derivative.
 *
 * <p>Values and derivatives are computed in float64 without a graph and returned in the dtype of κ
 * through {@link Float64#linearise}, so d g/dκ is exact in any dtype. Random draws (float64): e ~
 * Beta((m−1)/2, (m−1)/2) as χ²₁/(χ²₁ + χ²₂) with χ² = ‖N(0, I_{m−1})‖², u ~ U[1e−20, 1).
 *
 * <ul>
 *   <li>m ≠ 3: proposal g = 2be/M, M = 1 − (1−b)e, accepted iff (m−1) ln t − t + d ≥ ln u with t =
 *       2ab/M; rejected entries are redrawn (masked rounds). With b′(κ) = −2b/c, dg/dκ =
 *       2e(1−e)/M²·b′ (pathwise through b, no rejection-correction term).
 *   <li>m = 3: exact inversion, q = u + (1−u)e^{−2κ}, g = −ln q/κ, dg/dκ = ln q/κ² +
 *       2(1−u)e^{−2κ}/(qκ); κ floored at 1e−8.
 * </ul>
 */
final class WoodGap {

    private static final int MAX_ROUNDS = 64;
    private static final double KAPPA_FLOOR = 1e-8;

    private WoodGap() {}

    /**
     * Samples the gap 1 − w.
     *
     * @param kappa [B, 1], κ ≥ 0, any floating dtype, may require a gradient
     * @param dim the dimension m = D ≥ 2
     * @param numSamples S ≥ 1
     * @return [B, S] in the dtype of {@code kappa}, values in [0, 2]
     */
    static NDArray sample(NDArray kappa, int dim, int numSamples) {
        NDArray k = kappa.stopGradient().toType(DataType.FLOAT64, false);
        Shape shape = new Shape(k.getShape().get(0), numSamples);
        NDArray[] gapAndSlope = dim == 3 ? inversion(k, shape) : rejection(k, dim, shape);
        return Float64.linearise(gapAndSlope[0], gapAndSlope[1], kappa);
    }

    /** m = 3: {gap, dgap/dκ}, both [B, S] float64. */
    private static NDArray[] inversion(NDArray kappa, Shape shape) {
        NDArray k =
                NDArrays.where(kappa.gt(KAPPA_FLOOR), kappa, kappa.zerosLike().add(KAPPA_FLOOR));
        NDArray u = kappa.getManager().randomUniform(1e-20f, 1f, shape, DataType.FLOAT64);
        NDArray decay = k.mul(-2).exp();
        NDArray tail = u.neg().add(1).mul(decay);
        NDArray q = u.add(tail);
        NDArray logQ = q.log();
        NDArray gap = logQ.neg().div(k);
        NDArray slope = logQ.div(k.square()).add(tail.mul(2).div(q.mul(k)));
        return new NDArray[] {gap, slope};
    }

    /** m ≠ 3: Wood's rejection loop; {gap, dgap/dκ}, both [B, S] float64. */
    private static NDArray[] rejection(NDArray kappa, int dim, Shape shape) {
        double m1 = dim - 1.0;
        NDArray c = kappa.square().mul(4).add(m1 * m1).sqrt();
        NDArray b = kappa.mul(2).add(c).pow(-1).mul(m1);
        NDArray a = kappa.mul(2).add(c).add(m1).div(4);
        NDArray d = a.mul(b).mul(4).div(b.add(1)).sub(m1 * Math.log(m1));
        NDArray gap = kappa.getManager().zeros(shape, DataType.FLOAT64);
        NDArray slope = gap.zerosLike();
        NDArray done = gap.zerosLike().eq(1);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            NDArray e = beta(kappa.getManager(), shape, dim);
            NDArray u = kappa.getManager().randomUniform(1e-20f, 1f, shape, DataType.FLOAT64);
            NDArray envelope = b.neg().add(1).mul(e).neg().add(1);
            NDArray t = a.mul(b).mul(2).div(envelope);
            NDArray accept = t.log().mul(m1).sub(t).add(d).gte(u.log());
            NDArray take = accept.logicalAnd(done.logicalNot());
            gap = NDArrays.where(take, b.mul(e).mul(2).div(envelope), gap);
            NDArray dGapDb = e.mul(e.neg().add(1)).mul(2).div(envelope.square());
            slope = NDArrays.where(take, dGapDb.mul(b.mul(-2).div(c)), slope);
            done = done.logicalOr(accept);
            if (done.all().getBoolean()) {
                return new NDArray[] {gap, slope};
            }
        }
        throw new IllegalStateException(
                "Wood sampler: rows still rejected after "
                        + MAX_ROUNDS
                        + " rounds (D="
                        + dim
                        + ")");
    }

    /** Beta((m−1)/2, (m−1)/2) draws [B, S] as a ratio of χ²_{m−1} variates. */
    private static NDArray beta(NDManager manager, Shape shape, int dim) {
        try (NDManager scratch = manager.newSubManager()) {
            Shape normals = shape.add(dim - 1);
            int[] last = {2};
            NDArray chi1 =
                    scratch.randomNormal(0f, 1f, normals, DataType.FLOAT64).square().sum(last);
            NDArray chi2 =
                    scratch.randomNormal(0f, 1f, normals, DataType.FLOAT64).square().sum(last);
            NDArray e = chi1.div(chi1.add(chi2));
            e.attach(manager);
            return e;
        }
    }
}
