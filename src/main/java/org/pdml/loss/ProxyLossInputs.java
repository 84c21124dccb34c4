package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The validated inputs of a proxy loss, converted to float64 (labels to int64), except κ.
 *
 * <p>κ keeps its dtype because every consumer clamps it at κ_min first, and a clamp against a
 * float64 floor promotes it in the same op: converting it here as well would cost one more full [C,
 * D] pass forward and backward.
 *
 * @param z image embeddings, unnormalised, [B, D]
 * @param directions proxy directions v (normalised where used), [C, D]
 * @param kappa proxy concentrations κ (clamped where used), [C, D], in the caller's dtype
 * @param temperature the temperature T &gt; 0, [1]; detached when not learnable
 * @param labels class labels in 0..C−1, [B] int64
 */
public record ProxyLossInputs(
        NDArray z, NDArray directions, NDArray kappa, NDArray temperature, NDArray labels) {

    /**
     * Reads the DJL loss convention: predictions [z, v, κ, T], labels [y].
     *
     * @param labels [y [B] integer]
     * @param predictions [z [B, D], v [C, D], κ [C, D], T [1]]
     * @param learnableTemperature false detaches T, so it receives no gradient
     * @return the inputs in float64, κ as given
     * @throws IllegalArgumentException naming the offending input on a count, shape or label error
     * @throws IllegalStateException if T ≤ 0 or T is not finite
     */
    public static ProxyLossInputs of(
            NDList labels, NDList predictions, boolean learnableTemperature) {
        if (predictions.size() != 4 || labels.size() != 1) {
            throw new IllegalArgumentException(
                    "proxy loss expects predictions [z, directions, kappa, temperature] and labels"
                            + " [y], got "
                            + predictions.size()
                            + " predictions and "
                            + labels.size()
                            + " labels");
        }
        NDArray z = predictions.get(0);
        NDArray v = predictions.get(1);
        NDArray kappa = predictions.get(2);
        NDArray t = predictions.get(3);
        NDArray y = labels.get(0);
        checkShapes(z, v, kappa, t, y);
        checkTemperature(t);
        checkLabels(y, v.getShape().get(0));
        NDArray t64 = Precision.upcast(t.reshape(1));
        return new ProxyLossInputs(
                Precision.upcast(z),
                Precision.upcast(v),
                kappa,
                learnableTemperature ? t64 : t64.stopGradient(),
                y.getDataType() == DataType.INT64 ? y : y.toType(DataType.INT64, false));
    }

    /** The embedding dimension D. */
    public int dim() {
        return (int) z.getShape().get(1);
    }

    /** The number of classes C. */
    public long numClasses() {
        return directions.getShape().get(0);
    }

    /** One-hot labels, [B, C] float64. */
    public NDArray oneHotLabels() {
        return labels.oneHot((int) numClasses(), DataType.FLOAT64);
    }

    private static void checkShapes(NDArray z, NDArray v, NDArray kappa, NDArray t, NDArray y) {
        Shape zs = z.getShape();
        Shape vs = v.getShape();
        if (zs.dimension() != 2 || vs.dimension() != 2 || zs.get(1) != vs.get(1)) {
            throw new IllegalArgumentException(
                    "embeddings z "
                            + zs
                            + " and proxy directions "
                            + vs
                            + " must be [B, D], [C, D]");
        }
        if (!kappa.getShape().equals(vs)) {
            throw new IllegalArgumentException(
                    "proxy kappa " + kappa.getShape() + " must match proxy directions " + vs);
        }
        if (t.size() != 1) {
            throw new IllegalArgumentException("temperature must be [1], got " + t.getShape());
        }
        if (y.getShape().dimension() != 1 || y.size() != zs.get(0)) {
            throw new IllegalArgumentException(
                    "labels " + y.getShape() + " must be [B] with B = " + zs.get(0));
        }
        if (y.getDataType().isFloating()) {
            throw new IllegalArgumentException("labels must be integers, got " + y.getDataType());
        }
    }

    private static void checkTemperature(NDArray t) {
        double value =
                t.getDataType() == DataType.FLOAT32
                        ? t.toFloatArray()[0]
                        : t.toType(DataType.FLOAT64, false).toDoubleArray()[0];
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalStateException("temperature T = " + value + " must be finite and > 0");
        }
    }

    private static void checkLabels(NDArray y, long numClasses) {
        long[] values =
                y.getDataType() == DataType.INT64
                        ? y.toLongArray()
                        : y.toType(DataType.INT64, false).toLongArray();
        for (long label : values) {
            if (label < 0 || label >= numClasses) {
                throw new IllegalArgumentException(
                        "label " + label + " outside 0.." + (numClasses - 1));
            }
        }
    }
}
