package org.pdml.math;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;

/**
 * The vMF mean resultant length A_D(κ) = I_{D/2}(κ)/I_{D/2−1}(κ) = E[μᵀx] for x ~ vMF(μ, κ) on
 * S^{D−1}; also −d/dκ log C_D(κ). A_D(0) = 0, A_D(κ) ≈ κ/D for small κ, → 1 as κ → ∞.
 */
public final class MeanResultantLength {

    private MeanResultantLength() {}

    /**
     * A_D(κ) elementwise, checked by {@link KappaGuard} (one device read); A_D(+∞) = 1, with a zero
     * gradient there. Otherwise as {@link #ofUnchecked}.
     *
     * @param kappa κ ≥ 0 (+∞ allowed), any shape, float32 or float64
     * @param dim the dimension D ≥ 2
     * @return same shape and dtype as {@code kappa}, values in [0, 1]
     * @throws IllegalArgumentException if {@code dim < 2} or an entry of κ is NaN or negative
     */
    public static NDArray of(NDArray kappa, int dim) {
        LogNormaliser.requireDimension(dim);
        return KappaGuard.elementwise("MeanResultantLength.of", kappa, 1, k -> ofUnchecked(k, dim));
    }

    /**
     * A_D(κ) elementwise without the input check, as κ·exp(S_{ν+1}(κ) − S_ν(κ)) with S_ν =
     * ln(I_ν(κ)/κ^ν) (so κ = 0 gives exactly 0), in float64 (relative error ≤ 1e−9 versus mpmath).
     * float64 inputs differentiate by autograd; other dtypes get the identity A′ = 1 − A² −
     * (D−1)A/κ (A′(0) = 1/D).
     *
     * @param kappa finite κ ≥ 0, any shape, float32 or float64; NaN gives NaN, +∞ or negative κ
     *     unspecified values
     * @param dim the dimension D ≥ 2
     * @return same shape and dtype as {@code kappa}, values in [0, 1)
     * @throws IllegalArgumentException if {@code dim < 2}
     */
    public static NDArray ofUnchecked(NDArray kappa, int dim) {
        LogNormaliser.requireDimension(dim);
        if (kappa.getDataType() == DataType.FLOAT64) {
            return of64(kappa, dim);
        }
        NDArray k = kappa.stopGradient().toType(DataType.FLOAT64, false);
        NDArray a = of64(k, dim);
        NDArray positive = k.gt(0);
        NDArray safeK = NDArrays.where(positive, k, k.onesLike());
        NDArray aOverK = NDArrays.where(positive, a.div(safeK), Scalars.div(k.onesLike(), dim));
        NDArray slope = a.square().neg().add(1).sub(Scalars.mul(aOverK, dim - 1));
        return Float64.linearise(a, slope, kappa);
    }

    private static NDArray of64(NDArray kappa, int dim) {
        double nu = dim / 2.0 - 1;
        NDArray logRatio = ScaledLogBessel.of(kappa, nu + 1).sub(ScaledLogBessel.of(kappa, nu));
        return kappa.mul(logRatio.exp());
    }
}
