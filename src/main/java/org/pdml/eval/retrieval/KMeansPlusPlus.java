package org.pdml.eval.retrieval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * k-means++ seeding: c₁ uniform, then c_j = x with probability D(x)² / Σ_y D(y)², where D(x) =
 * min_{i&lt;j} ‖x − c_i‖. When all D(x) = 0 (fewer distinct points than K) the next centre is the
 * lowest-index point not yet chosen.
 */
final class KMeansPlusPlus {
    private KMeansPlusPlus() {}

    /**
     * @param manager parent manager for temporaries
     * @param x {@code [N, D]} points on the device
     * @param points the same points, row-major in Java
     * @param dim D
     * @param k K
     * @param rng the restart's generator
     * @return row-major {@code [K, D]} centres
     */
    static float[] init(
            NDManager manager, NDArray x, float[] points, int dim, int k, SplittableRandom rng) {
        int n = points.length / dim;
        float[] centres = new float[k * dim];
        boolean[] chosen = new boolean[n];
        double[] d2 = new double[n];
        java.util.Arrays.fill(d2, Double.POSITIVE_INFINITY);
        int next = rng.nextInt(n);
        for (int c = 0; c < k; c++) {
            chosen[next] = true;
            System.arraycopy(points, next * dim, centres, c * dim, dim);
            if (c + 1 < k) {
                lowerDistances(manager, x, points, dim, next, d2);
                next = sample(d2, chosen, rng);
            }
        }
        return centres;
    }

    private static void lowerDistances(
            NDManager manager, NDArray x, float[] points, int dim, int centre, double[] d2) {
        try (NDManager sub = manager.newSubManager()) {
            float[] c = java.util.Arrays.copyOfRange(points, centre * dim, (centre + 1) * dim);
            NDArray cv = sub.create(c, new Shape(1, dim));
            // The centre comes first so that every result attaches to this sub-manager.
            float[] dist = cv.sub(x).square().sum(new int[] {1}).toFloatArray();
            for (int i = 0; i < d2.length; i++) {
                d2[i] = Math.min(d2[i], dist[i]);
            }
        }
    }

    private static int sample(double[] d2, boolean[] chosen, SplittableRandom rng) {
        double total = 0;
        for (int i = 0; i < d2.length; i++) {
            total += chosen[i] ? 0 : d2[i];
        }
        if (!(total > 0)) {
            for (int i = 0; i < chosen.length; i++) {
                if (!chosen[i]) {
                    return i;
                }
            }
        }
        double u = rng.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < d2.length; i++) {
            if (!chosen[i] && d2[i] > 0) {
                last = i;
                u -= d2[i];
                if (u < 0) {
                    return i;
                }
            }
        }
        return last;
    }
}
