package org.pdml.math;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Wood's (1994) sampler for vMF(μ, κ) on S^{D−1}, batched over rows, with the exact envelope b (not
 * the reference's Taylor blend) and reparameterised (pathwise) gradients to μ and κ (method.md
 * §1.4).
 *
 * <p>x = (w, √max(1−w², 1e−7)·v) with w from {@link WoodGap} and v uniform on S^{D−2}, then the
 * Householder reflection H = I − 2uuᵀ, u = (e₁ − μ)/max(‖e₁ − μ‖, 1e−7), maps e₁ to μ. Randomness
 * comes only from the arrays' manager (seeded by the engine's random seed); no rejection-correction
 * term is added to the gradient. Results are attached to the manager of {@code kappa}.
 */
public final class WoodVmfSampler {

    private static final double SIN_SQUARED_FLOOR = 1e-7;
    private static final double NORM_SQUARED_FLOOR = 1e-14;

    private WoodVmfSampler() {}

    /**
     * Draws S samples per row.
     *
     * @param mu mean directions [B, D], unit rows, D ≥ 2, same dtype as kappa
     * @param kappa concentrations [B], κ ≥ 0
     * @param numSamples S ≥ 1
     * @return samples [B, S, D] in the dtype of mu, unit vectors (to 1e−7), differentiable in mu
     *     and kappa
     * @throws IllegalArgumentException on mismatched shapes or dtypes, D < 2 or S < 1
     */
    public static NDArray sample(NDArray mu, NDArray kappa, int numSamples) {
        Shape shape = mu.getShape();
        if (shape.dimension() != 2 || !kappa.getShape().equals(new Shape(shape.get(0)))) {
            throw new IllegalArgumentException(
                    "mu must be [B, D] and kappa [B]; got " + shape + " and " + kappa.getShape());
        }
        if (mu.getDataType() != kappa.getDataType()) {
            throw new IllegalArgumentException(
                    "mu and kappa dtypes differ: "
                            + mu.getDataType()
                            + " vs "
                            + kappa.getDataType());
        }
        int dim = Math.toIntExact(shape.get(1));
        NDArray gap = gap(kappa, dim, numSamples);
        NDArray sinSquared = gap.mul(gap.neg().add(2));
        NDArray floor = sinSquared.zerosLike().add(SIN_SQUARED_FLOOR);
        NDArray sin = NDArrays.where(sinSquared.gt(SIN_SQUARED_FLOOR), sinSquared, floor).sqrt();
        NDArray tangent = tangent(kappa.getManager(), gap.getShape(), dim, mu.getDataType());
        NDArray x = gap.neg().add(1).expandDims(2).concat(sin.expandDims(2).mul(tangent), 2);
        return reflect(x, mu);
    }

    /**
     * Draws the component w = μᵀx of S samples per row (its law depends only on κ and D), with its
     * pathwise gradient to κ.
     *
     * @param kappa concentrations [B], κ ≥ 0, float32 or float64
     * @param dim the dimension D ≥ 2
     * @param numSamples S ≥ 1
     * @return w [B, S] in [−1, 1], dtype of kappa
     * @throws IllegalArgumentException if kappa is not 1-dimensional, D < 2 or S < 1
     */
    public static NDArray sampleW(NDArray kappa, int dim, int numSamples) {
        if (kappa.getShape().dimension() != 1) {
            throw new IllegalArgumentException("kappa must be [B], got " + kappa.getShape());
        }
        return gap(kappa, dim, numSamples).neg().add(1);
    }

    private static NDArray gap(NDArray kappa, int dim, int numSamples) {
        LogNormaliser.requireDimension(dim);
        if (numSamples < 1) {
            throw new IllegalArgumentException("numSamples must be >= 1, got " + numSamples);
        }
        return WoodGap.sample(kappa.expandDims(1), dim, numSamples);
    }

    /** v uniform on S^{D−2}: [B, S, D−1] normalised Gaussians, in the requested dtype. */
    private static NDArray tangent(NDManager manager, Shape batch, int dim, DataType dtype) {
        NDArray g = manager.randomNormal(0f, 1f, batch.add(dim - 1), DataType.FLOAT64);
        NDArray v = g.div(g.square().sum(new int[] {2}, true).sqrt());
        return v.toType(dtype, false);
    }

    /** x ← x − 2(xᵀu)u with u = (e₁ − μ)/‖e₁ − μ‖: maps e₁ to μ. x [B, S, D], mu [B, D]. */
    private static NDArray reflect(NDArray x, NDArray mu) {
        double[] first = new double[Math.toIntExact(mu.getShape().get(1))];
        first[0] = 1;
        NDArray e1 = mu.getManager().create(first).toType(mu.getDataType(), false);
        NDArray diff = e1.sub(mu);
        NDArray squared = diff.square().sum(new int[] {1}, true);
        NDArray floor = squared.zerosLike().add(NORM_SQUARED_FLOOR);
        NDArray norm = NDArrays.where(squared.gt(NORM_SQUARED_FLOOR), squared, floor).sqrt();
        NDArray u = diff.div(norm).expandDims(1);
        NDArray projection = x.mul(u).sum(new int[] {2}, true);
        return x.sub(projection.mul(u).mul(2));
    }
}
