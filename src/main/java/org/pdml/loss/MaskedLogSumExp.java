package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.pdml.math.LogSumExp;

/**
 * Row-wise log-sum-exp over a masked subset of entries, as −∞-masked log-softmax so that masked
 * entries get exactly zero gradient and no NaN.
 */
final class MaskedLogSumExp {

    private MaskedLogSumExp() {}

    /**
     * log(1 + Σ_{k: mask_rk} exp(x_rk)) = LSE over {0} ∪ {x_rk : mask_rk}; an empty row gives 0.
     *
     * @param x terms, [R, K] float64
     * @param mask which terms count, [R, K] boolean
     * @return [R] float64
     */
    static NDArray withZero(NDArray x, NDArray mask) {
        NDArray zero = x.getManager().zeros(new Shape(x.getShape().get(0), 1), x.getDataType());
        NDArray all = NDArrays.concat(new NDList(zero, masked(x, mask)), 1);
        // LSE(a) = a_0 − log softmax(a)_0, and a_0 = 0.
        return all.logSoftmax(1).get(":, 0").neg();
    }

    /**
     * log Σ_{k: mask_rk} exp(x_rk); a row with no entry gives −∞.
     *
     * @param x terms, [R, K] float64
     * @param mask which terms count, [R, K] boolean
     * @return [R] float64
     */
    static NDArray of(NDArray x, NDArray mask) {
        return LogSumExp.of(masked(x, mask), 1, false);
    }

    private static NDArray masked(NDArray x, NDArray mask) {
        NDArray minusInf =
                x.getManager().create(Double.NEGATIVE_INFINITY).toType(x.getDataType(), false);
        return NDArrays.where(mask, x, minusInf);
    }
}
