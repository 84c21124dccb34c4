package org.pdml.math;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Exact log C_D(κ) = −(D/2) ln 2π − ln(I_ν(κ)/κ^ν); the ν ln κ terms cancel analytically inside
 * {@link ScaledLogBessel}. float64 inputs are differentiated by autograd through the branches;
 * other dtypes are evaluated in float64 and get the identity d/dκ log C_D = −A_D(κ) as their
 * gradient (see {@link Float64#linearise}).
 */
final class ExactLogNormaliser implements LogNormaliser {

    static final ExactLogNormaliser INSTANCE = new ExactLogNormaliser();

    private ExactLogNormaliser() {}

    @Override
    public NDArray logCUnchecked(NDArray kappa, int dim) {
        LogNormaliser.requireDimension(dim);
        if (kappa.getDataType() == DataType.FLOAT64) {
            return logC64(kappa, dim);
        }
        NDArray k = kappa.stopGradient().toType(DataType.FLOAT64, false);
        return Float64.linearise(
                logC64(k, dim), MeanResultantLength.ofUnchecked(k, dim).neg(), kappa);
    }

    /** log C_D(κ) for float64 κ, differentiable. */
    static NDArray logC64(NDArray kappa, int dim) {
        NDArray scaled = ScaledLogBessel.of(kappa, dim / 2.0 - 1);
        return scaled.neg().sub(dim / 2.0 * Math.log(2 * Math.PI));
    }
}
