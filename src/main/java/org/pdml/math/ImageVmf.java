package org.pdml.math;

import ai.djl.ndarray.NDArray;

/**
 * The image vMF of the paper's identity mapping (docs/method.md §1): from an unnormalised embedding
 * z, direction μ = z/‖z‖ and concentration κ = ‖z‖ (no softplus, no clamp). ‖z‖ is floored at 1e−12
 * inside the square root only, so z = 0 gives κ = 1e−12 with finite (zero) gradients.
 *
 * <p>No κ check ({@link KappaGuard}) applies here: κ = ‖z‖ ≥ 1e−12 is never negative, and z is not
 * checked either, since a NaN or infinite z (a diverged model) must reach the loss as a non-finite
 * value that the trainer reports. The checked vMF functions reject the NaN κ this then gives.
 */
public final class ImageVmf {

    private static final double NORM_SQUARED_FLOOR = 1e-24;

    private final NDArray direction;
    private final NDArray concentration;

    private ImageVmf(NDArray direction, NDArray concentration) {
        this.direction = direction;
        this.concentration = concentration;
    }

    /**
     * The image vMF of a batch of embeddings, differentiable in z.
     *
     * @param z embeddings [B, D], float32 or float64
     * @return its direction and concentration, in the dtype of z
     * @throws IllegalArgumentException if z is not 2-dimensional
     */
    public static ImageVmf of(NDArray z) {
        if (z.getShape().dimension() != 2) {
            throw new IllegalArgumentException("z must be [batch, dim], got " + z.getShape());
        }
        NDArray norm =
                Scalars.maximum(z.square().sum(new int[] {1}, true), NORM_SQUARED_FLOOR).sqrt();
        return new ImageVmf(z.div(norm), norm.squeeze(1));
    }

    /**
     * μ = z/‖z‖.
     *
     * @return unit rows [B, D]
     */
    public NDArray direction() {
        return direction;
    }

    /**
     * κ = ‖z‖.
     *
     * @return [B]
     */
    public NDArray concentration() {
        return concentration;
    }
}
