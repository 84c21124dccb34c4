package org.pdml.math;

import ai.djl.ndarray.NDArray;

/**
 * The reference's quadratic fits of log C_D(κ) (docs/method.md §1.1, `paper-approx`), evaluated in
 * the input dtype (a polynomial needs no float64 detour, and this keeps the autograd graph).
 */
final class PaperApproxLogNormaliser implements LogNormaliser {

    static final PaperApproxLogNormaliser INSTANCE = new PaperApproxLogNormaliser();

    private PaperApproxLogNormaliser() {}

    @Override
    public NDArray logCUnchecked(NDArray kappa, int dim) {
        LogNormaliser.requireDimension(dim);
        return dim == 128
                ? Scalars.mul(kappa.square(), -0.003355).sub(Scalars.mul(kappa, 0.01909)).add(127)
                : Scalars.mul(kappa.square(), -0.0009685)
                        .sub(Scalars.mul(kappa, 0.0002662))
                        .add(868);
    }
}
