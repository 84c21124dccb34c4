package org.pdml.math;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Differentiable float64 evaluation for float32 callers.
 *
 * <p>Why: in DJL 0.36's PyTorch engine {@code NDArray.toType} cuts the autograd graph in both
 * directions ("element 0 of tensors does not require grad"), and no op casts float64 down while
 * keeping the graph. Up-casting works through type promotion ({@link #upcast}); for elementwise
 * functions with a known derivative the result returns to the input dtype by {@link #linearise}.
 */
final class Float64 {

    private Float64() {}

    /**
     * x as float64, keeping the autograd graph (0₆₄ + x promotes).
     *
     * @param x any shape, any floating dtype
     * @return float64, same shape
     */
    static NDArray upcast(NDArray x) {
        if (x.getDataType() == DataType.FLOAT64) {
            return x;
        }
        return x.getManager().zeros(x.getShape(), DataType.FLOAT64, x.getDevice()).add(x);
    }

    /**
     * f(x) in the dtype of x with the exact first-order gradient: value + slope·(x − stop(x)),
     * where value = f(x) and slope = f′(x) were computed (without a graph) in float64. The added
     * term is exactly zero, so the value is the correctly rounded cast of f(x); d/dx is exactly the
     * slope. Higher derivatives are not available through this path.
     *
     * @param value f(x), float64, shape of x
     * @param slope f′(x), float64, shape of x
     * @param x the input, which may require a gradient
     * @return dtype and shape of x
     */
    static NDArray linearise(NDArray value, NDArray slope, NDArray x) {
        DataType dtype = x.getDataType();
        NDArray v = value.stopGradient().toType(dtype, false);
        NDArray s = slope.stopGradient().toType(dtype, false);
        return v.add(s.mul(x.sub(x.stopGradient())));
    }
}
