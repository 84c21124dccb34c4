package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.pdml.math.Scalars;

/**
 * Negative-proxy subsampling {@code subsample_p} (docs/method.md §1.5, §2 item 11): each batch
 * keeps every class present in it plus a uniformly random subset of the other classes, K =
 * max(min(B, C), ⌈p·C⌉) proxies in all, and the NCA term runs over those K proxies only.
 *
 * <p>Differences from the reference, on purpose: the kept proxy directions are normalised like all
 * others (the reference used the raw weights in this branch), and the selection runs on the arrays'
 * device with the engine's generator (random keys, present classes forced to the top, one top-K),
 * with no labels read back. K depends only on B, C and p, so every class of the batch is kept
 * whatever its label distribution.
 */
final class NegativeProxySubsample {

    private NegativeProxySubsample() {}

    /**
     * The proxies kept for one batch, with labels renumbered into them.
     *
     * @param in the full inputs
     * @param p the kept fraction p ∈ (0, 1]
     * @return inputs with v, κ [K, D] and labels in 0..K−1; {@code in} itself when K = C
     * @throws IllegalArgumentException if p is not in (0, 1]
     */
    static ProxyLossInputs keep(ProxyLossInputs in, double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("subsample_p must be in (0, 1], got " + p);
        }
        long classes = in.numClasses();
        long batch = in.z().getShape().get(0);
        long kept = Math.max(Math.min(batch, classes), (long) Math.ceil(p * classes));
        if (kept >= classes) {
            return in;
        }
        NDManager manager = in.z().getManager();
        NDArray oneHot = in.oneHotLabels();
        NDArray present = oneHot.sum(new int[] {0}).gt(0.5).toType(DataType.FLOAT64, false);
        // present classes get keys in [2, 3), the others in [0, 1): top-K keeps all present ones
        NDArray keys =
                manager.randomUniform(0f, 1f, new Shape(classes), DataType.FLOAT64)
                        .add(Scalars.mul(present, 2));
        NDArray index = keys.topK((int) kept, 0, true, false).get(1);
        int dim = in.dim();
        NDArray rows = index.reshape(kept, 1).repeat(1, dim);
        NDArray labels = oneHot.gather(index.reshape(1, kept).repeat(0, batch), 1).argMax(1);
        return new ProxyLossInputs(
                in.z(),
                in.directions().gather(rows, 0),
                in.kappa().gather(rows, 0),
                in.temperature(),
                labels.toType(DataType.INT64, false));
    }
}
