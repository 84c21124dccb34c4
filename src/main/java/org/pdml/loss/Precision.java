package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Graph-preserving dtype changes. DJL 0.36's PyTorch {@code toType} runs under a no-grad guard and
 * so cuts autograd in both directions; type promotion (0₆₄ + x) casts up, and an in-place slice
 * assignment into a buffer of the target dtype (PyTorch's differentiable {@code copy_}) casts down.
 */
final class Precision {

    private Precision() {}

    /** x in float64 with its autograd graph kept; x itself when already float64. */
    static NDArray upcast(NDArray x) {
        if (x.getDataType() == DataType.FLOAT64) {
            return x;
        }
        // A [1]-shaped zero is a dimensioned operand, so it promotes without a full-size buffer.
        return x.getManager().zeros(new Shape(1), DataType.FLOAT64, x.getDevice()).add(x);
    }

    /**
     * A scalar in {@code dtype}, rounded from {@code x} and differentiable through it.
     *
     * @param x a scalar (any shape of size 1)
     * @param dtype the target type
     * @return shape (), in {@code dtype}
     */
    static NDArray downcastScalar(NDArray x, DataType dtype) {
        if (x.getDataType() == dtype) {
            return x.reshape(new Shape());
        }
        NDArray out = x.getManager().zeros(new Shape(1), dtype, x.getDevice());
        out.set(new NDIndex(":"), x.reshape(1));
        return out.reshape(new Shape());
    }
}
