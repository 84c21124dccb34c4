package org.pdml.math;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Wood's (1994) sampler for vMF(μ, κ) on S^{D−1}, batched over rows, with the exact envelope b (not
 * the reference's Taylor blend) and reparameterised (pathwise) gradients to μ and κ (docs/method.md
 * §1.4).
 *
 * <p>x = (w, √max(1−w², 1e−7)·v) with w from {@link WoodGap} and v uniform on S^{D−2}, then the
 * Householder reflection H = I − 2uuᵀ, u = (e₁ − μ)/max(‖e₁ − μ‖, 1e−7), maps e₁ to μ. Randomness
 * comes only from the arrays' manager (seeded by the engine's random seed); no rejection-correction
 * term is added to the gradient. w and the sine are computed per draw on the JVM in float64 and
 * enter the graph linearised in κ (value + slope·(κ − stop κ)), which keeps the op count (each op a
 * fixed JNI cost) independent of the number of rejection rounds. Results are attached to the
 * manager of {@code kappa}.
 */
public final class WoodVmfSampler {

    private static final double SIN_SQUARED_FLOOR = 1e-7;
    private static final double NORM_SQUARED_FLOOR = 1e-14;

    private WoodVmfSampler() {}

    /**
     * Draws S samples per row, with κ checked by {@link KappaGuard} (one device read). A row with κ
     * = +∞ is the point mass at μ: its S samples are μ exactly (gradient 1 to μ, 0 to κ).
     *
     * @param mu mean directions [B, D], unit rows, D ≥ 2, same dtype as kappa
     * @param kappa concentrations [B], κ ≥ 0 (+∞ allowed)
     * @param numSamples S ≥ 1
     * @return samples [B, S, D] in the dtype of mu, unit vectors (to 1e−7), differentiable in mu
     *     and kappa
     * @throws IllegalArgumentException on mismatched shapes or dtypes, D < 2, S < 1, or NaN or
     *     negative κ
     */
    public static NDArray sample(NDArray mu, NDArray kappa, int numSamples) {
        checkShapes(mu, kappa);
        if (!requireKappa("WoodVmfSampler.sample", kappa)) {
            return sampleUnchecked(mu, kappa, numSamples);
        }
        NDArray infinite = KappaGuard.infinite(kappa);
        NDArray x = sampleUnchecked(mu, KappaGuard.finiteStandIn(kappa, infinite), numSamples);
        return KappaGuard.select(infinite.reshape(-1, 1, 1), mu.expandDims(1), x);
    }

    /**
     * {@link #sample} without the κ check, for the {@code el-nivmf} loss (see {@link KappaGuard}
     * for why it skips it). Rows whose κ is NaN or +∞ come out NaN (D ≠ 3), so that a diverged
     * model gives a non-finite loss that the trainer reports; negative κ gives unspecified samples.
     *
     * @param mu mean directions [B, D], unit rows, D ≥ 2, same dtype as kappa
     * @param kappa concentrations [B], finite κ ≥ 0
     * @param numSamples S ≥ 1
     * @return samples [B, S, D] in the dtype of mu, unit vectors (to 1e−7), differentiable in mu
     *     and kappa
     * @throws IllegalArgumentException on mismatched shapes or dtypes, D < 2 or S < 1
     */
    public static NDArray sampleUnchecked(NDArray mu, NDArray kappa, int numSamples) {
        checkShapes(mu, kappa);
        Shape shape = mu.getShape();
        int dim = Math.toIntExact(shape.get(1));
        double[][] gap = gap(kappa, dim, numSamples);
        int n = gap[0].length;
        double[] w = new double[n];
        double[] dw = new double[n];
        double[] sin = new double[n];
        double[] dSin = new double[n];
        for (int j = 0; j < n; j++) {
            double g = gap[0][j];
            double sinSquared = g * (2 - g);
            w[j] = 1 - g;
            dw[j] = -gap[1][j];
            boolean floored = !(sinSquared > SIN_SQUARED_FLOOR);
            sin[j] = Math.sqrt(floored ? SIN_SQUARED_FLOOR : sinSquared);
            // d sin/dκ = (1 − g)/sin · dg/dκ; zero where the floor holds.
            dSin[j] = floored ? 0 : (1 - g) / sin[j] * gap[1][j];
        }
        NDManager manager = kappa.getManager();
        Shape column = new Shape(shape.get(0), numSamples, 1);
        NDArray delta = kappa.sub(kappa.stopGradient()).reshape(shape.get(0), 1, 1);
        NDArray wArray = linearised(manager, w, dw, column, delta);
        NDArray sinArray = linearised(manager, sin, dSin, column, delta);
        NDArray tangent = tangent(manager, column, dim, mu.getDataType());
        NDArray x =
                tangent.mul(sinArray).add(firstAxis(manager, dim, mu.getDataType()).mul(wArray));
        return reflect(x, mu);
    }

    /**
     * Draws the component w = μᵀx of S samples per row (its law depends only on κ and D), with its
     * pathwise gradient to κ; κ is checked by {@link KappaGuard} (one device read), and w = 1 where
     * κ = +∞.
     *
     * @param kappa concentrations [B], κ ≥ 0 (+∞ allowed), float32 or float64
     * @param dim the dimension D ≥ 2
     * @param numSamples S ≥ 1
     * @return w [B, S] in [−1, 1], dtype of kappa
     * @throws IllegalArgumentException if kappa is not 1-dimensional, D < 2, S < 1, or an entry of
     *     κ is NaN or negative
     */
    public static NDArray sampleW(NDArray kappa, int dim, int numSamples) {
        if (kappa.getShape().dimension() != 1) {
            throw new IllegalArgumentException("kappa must be [B], got " + kappa.getShape());
        }
        if (!requireKappa("WoodVmfSampler.sampleW", kappa)) {
            return sampleWUnchecked(kappa, dim, numSamples);
        }
        NDArray infinite = KappaGuard.infinite(kappa);
        NDArray w = sampleWUnchecked(KappaGuard.finiteStandIn(kappa, infinite), dim, numSamples);
        return KappaGuard.select(infinite.reshape(-1, 1), Scalars.constant(w, 1), w);
    }

    /** {@link #sampleW} for finite κ ≥ 0 of shape [B]. */
    private static NDArray sampleWUnchecked(NDArray kappa, int dim, int numSamples) {
        double[][] gap = gap(kappa, dim, numSamples);
        double[] w = new double[gap[0].length];
        double[] dw = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            w[j] = 1 - gap[0][j];
            dw[j] = -gap[1][j];
        }
        long rows = kappa.getShape().get(0);
        NDArray delta = kappa.sub(kappa.stopGradient()).reshape(rows, 1);
        return linearised(kappa.getManager(), w, dw, new Shape(rows, numSamples), delta);
    }

    /** Checks κ ≥ 0 (+∞ allowed); returns whether a row is +∞. */
    private static boolean requireKappa(String function, NDArray kappa) {
        return KappaGuard.require(
                function, KappaGuard.Domain.CONCENTRATION, new String[] {"kappa"}, kappa)[0];
    }

    private static void checkShapes(NDArray mu, NDArray kappa) {
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
    }

    private static double[][] gap(NDArray kappa, int dim, int numSamples) {
        LogNormaliser.requireDimension(dim);
        if (numSamples < 1) {
            throw new IllegalArgumentException("numSamples must be >= 1, got " + numSamples);
        }
        NDArray k = kappa.stopGradient();
        double[] values =
                k.getDataType() == DataType.FLOAT64
                        ? k.toDoubleArray()
                        : k.toType(DataType.FLOAT64, false).toDoubleArray();
        return WoodGap.sample(kappa.getManager(), values, dim, numSamples);
    }

    /**
     * value + slope·δ in the dtype of δ, where δ = κ − stop(κ) is exactly zero: the value is the
     * rounded float64 value and d/dκ is exactly the slope (see {@link Float64#linearise}).
     */
    private static NDArray linearised(
            NDManager manager, double[] value, double[] slope, Shape shape, NDArray delta) {
        DataType dtype = delta.getDataType();
        NDArray v = manager.create(value, shape);
        NDArray s = manager.create(slope, shape);
        if (dtype != DataType.FLOAT64) {
            v = v.toType(dtype, false);
            s = s.toType(dtype, false);
        }
        return v.add(s.mul(delta));
    }

    /**
     * v uniform on the sphere orthogonal to e₁: [B, S, D] Gaussians, first axis zeroed, normalised
     * in dtype. The Gaussians are drawn in float32 whatever dtype is: only their direction is used,
     * and libtorch draws float32 normals about 3× faster than float64 ones (vectorised), which is 3
     * ms of a 30 ms loss step at B = 64, S = 5, D = 512.
     */
    private static NDArray tangent(NDManager manager, Shape column, int dim, DataType dtype) {
        Shape full = new Shape(column.get(0), column.get(1), dim);
        NDArray g = manager.randomNormal(0f, 1f, full, DataType.FLOAT32);
        if (dtype != DataType.FLOAT32) {
            g = g.toType(dtype, false);
        }
        NDArray notFirst = firstAxis(manager, dim, dtype).neg().add(1);
        return g.mul(notFirst).normalize(2, 2, 1e-12);
    }

    /** e₁ as a [D] vector in dtype. */
    private static NDArray firstAxis(NDManager manager, int dim, DataType dtype) {
        double[] first = new double[dim];
        first[0] = 1;
        NDArray e1 = manager.create(first);
        return dtype == DataType.FLOAT64 ? e1 : e1.toType(dtype, false);
    }

    /** x ← x − 2(xᵀu)u with u = (e₁ − μ)/‖e₁ − μ‖: maps e₁ to μ. x [B, S, D], mu [B, D]. */
    private static NDArray reflect(NDArray x, NDArray mu) {
        int dim = Math.toIntExact(mu.getShape().get(1));
        NDArray diff = firstAxis(mu.getManager(), dim, mu.getDataType()).sub(mu);
        NDArray norm =
                Scalars.maximum(diff.square().sum(new int[] {1}, true), NORM_SQUARED_FLOOR).sqrt();
        NDArray u = diff.div(norm).expandDims(2);
        NDArray twiceProjection = Scalars.mul(x.matMul(u), 2);
        return x.sub(twiceProjection.mul(u.transpose(0, 2, 1)));
    }
}
