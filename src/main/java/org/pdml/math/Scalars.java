package org.pdml.math;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Arithmetic of an array with a constant that is safe under autograd.
 *
 * <p>DJL 0.36's {@code NDArray.mul(Number)} (and {@code div}, {@code pow}, {@code maximum}, {@code
 * minimum}) wraps the constant in a 0-d array over a Java direct buffer ({@code from_blob}) and
 * closes that array as soon as the op returns. PyTorch keeps the operand as a saved tensor for the
 * backward pass, but nothing keeps the Java buffer alive: once the garbage collector frees it,
 * backward reads freed memory. Gradients then depend on when the GC ran; training outcomes changed
 * with the number of loader threads and the GC settings, and resumed runs went NaN. The constants
 * here are copied into engine-allocated memory that the saved tensor owns. {@code add} and {@code
 * sub} with a Number are safe (their backward does not read the constant).
 */
public final class Scalars {

    private Scalars() {}

    /**
     * The constant as a 0-d array in engine memory, with the dtype and manager of {@code like}.
     *
     * @param like an array whose dtype, device and manager the constant takes
     * @param value the constant (rounded to the dtype of {@code like})
     * @return shape (), not requiring gradients
     */
    public static NDArray constant(NDArray like, double value) {
        try (NDArray raw = like.getManager().create(value)) {
            // A dtype change yields a new engine-allocated tensor; the same dtype needs a clone.
            return like.getDataType() == DataType.FLOAT64
                    ? raw.duplicate()
                    : raw.toType(like.getDataType(), false);
        }
    }

    /**
     * x·c.
     *
     * @param x any array
     * @param c the constant
     * @return x·c, differentiable in x
     */
    public static NDArray mul(NDArray x, double c) {
        return x.mul(constant(x, c));
    }

    /**
     * x / c.
     *
     * @param x any array
     * @param c the constant
     * @return x/c, differentiable in x
     */
    public static NDArray div(NDArray x, double c) {
        return x.div(constant(x, c));
    }

    /**
     * x^c.
     *
     * @param x any array
     * @param c the exponent
     * @return x^c, differentiable in x
     */
    public static NDArray pow(NDArray x, double c) {
        return x.pow(constant(x, c));
    }

    /**
     * max(x, c) elementwise.
     *
     * @param x any array
     * @param c the floor
     * @return max(x, c), differentiable in x where x > c
     */
    public static NDArray maximum(NDArray x, double c) {
        return x.maximum(constant(x, c));
    }
}
