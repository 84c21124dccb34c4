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

    /**
     * max(x, floor) as float64 in one op: the floor is a [1]-shaped float64 array, so the maximum
     * itself promotes x, which saves the separate up-cast (a full [C, D] pass forward and backward)
     * that {@code maximum(upcast(x), floor)} would cost.
     *
     * @param x any shape, any floating dtype
     * @param floor the lower bound
     * @return float64, same shape as x, differentiable in x where x &gt; floor
     */
    static NDArray atLeast(NDArray x, double floor) {
        NDArray bound;
        // The floor exactly as a double, copied out of the Java buffer into engine memory
        // (autograd keeps it for backward; see Scalars).
        try (NDArray raw = x.getManager().create(new double[] {floor})) {
            bound = raw.duplicate();
        }
        return x.maximum(bound);
    }
}
