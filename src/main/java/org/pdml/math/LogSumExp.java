package org.pdml.math;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * Numerically stable log-sum-exp, LSE(x) = m + log Σ exp(x − m) with m = max x (DJL has no
 * logsumexp).
 *
 * <p>Safe for −∞: a slice that is entirely −∞ gives −∞ with a zero (not NaN) gradient, so masked
 * entries may be set to −∞. The shift m is detached: the gradient is exactly softmax(x).
 */
public final class LogSumExp {

    private LogSumExp() {}

    /**
     * Log-sum-exp along one axis.
     *
     * @param x any shape, any floating dtype; −∞ entries allowed
     * @param axis the reduced axis (negative counts from the end)
     * @param keepDims keep the reduced axis with size 1
     * @return LSE over {@code axis}, dtype of {@code x}; −∞ where every entry is −∞
     */
    public static NDArray of(NDArray x, int axis, boolean keepDims) {
        int[] axes = {axis};
        NDArray max = x.max(axes, true).stopGradient();
        // An all −∞ slice would give exp(−∞ − (−∞)) = NaN: shift it by 0 instead.
        NDArray shift = NDArrays.where(max.isInfinite(), max.zerosLike(), max);
        NDArray sum = x.sub(shift).exp().sum(axes, true);
        NDArray positive = sum.gt(0);
        // log(0) in the unselected branch would send 0·∞ = NaN back through where: log 1 instead.
        NDArray safeLog = NDArrays.where(positive, sum, sum.onesLike()).log().add(shift);
        NDArray negInf =
                x.getManager()
                        .full(
                                sum.getShape(),
                                Float.NEGATIVE_INFINITY,
                                x.getDataType(),
                                x.getDevice());
        NDArray lse = NDArrays.where(positive, safeLog, negInf);
        return keepDims ? lse : lse.squeeze(axis);
    }

    /**
     * Log-sum-exp along one axis for finite inputs, with fewer ops than {@link #of}: m + log Σ
     * exp(x − m), m = max x (detached). The sum is at least 1, so there is no log 0.
     *
     * @param x any shape, any floating dtype, every entry finite (not checked: a ±∞ or NaN entry
     *     gives NaN)
     * @param axis the reduced axis (negative counts from the end)
     * @return LSE over {@code axis}, that axis removed, dtype of {@code x}
     */
    public static NDArray ofFinite(NDArray x, int axis) {
        int[] axes = {axis};
        NDArray max = x.max(axes, true).stopGradient();
        return x.sub(max).exp().sum(axes, true).log().add(max).squeeze(axis);
    }
}
