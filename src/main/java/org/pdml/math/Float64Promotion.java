package org.pdml.math;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Up-casts to float64 without cutting autograd. DJL 0.36's PyTorch {@code toType} runs under a
 * no-grad guard, so the nivMF score, PPK and KL promote by adding a float64 zero instead.
 */
final class Float64Promotion {

    private Float64Promotion() {}

    /**
     * x as float64 with its graph kept (0₆₄ + x promotes); x itself when already float64.
     *
     * @param x any shape, any floating dtype
     * @return float64, same shape
     */
    static NDArray upcast(NDArray x) {
        if (x.getDataType() == DataType.FLOAT64) {
            return x;
        }
        // A [1]-shaped zero is a dimensioned operand, so it promotes without a full-size buffer.
        return x.getManager().zeros(new Shape(1), DataType.FLOAT64, x.getDevice()).add(x);
    }
}
