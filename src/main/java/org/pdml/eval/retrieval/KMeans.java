package org.pdml.eval.retrieval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded k-means (Lloyd) with k-means++ initialisation (Arthur &amp; Vassilvitskii, 2007) and
 * n_init restarts; squared Euclidean distances on NDArrays.
 *
 * <ul>
 *   <li>Init: the first centre is uniform; each next centre is point x with probability D(x)² / Σ_y
 *       D(y)², D the distance to the nearest chosen centre.
 *   <li>Iteration: assign each point to argmin_c ‖x − c‖² (= argmax_c 2xᵀc − ‖c‖², first index on
 *       ties), then move each centre to its points' mean. An empty cluster takes the point farthest
 *       from its centre. Stops when no assignment changes or after maxIterations.
 *   <li>Restart r uses the r-th split of a {@link SplittableRandom} seeded with the seed; the run
 *       with the lowest inertia Σ_i min_c ‖x_i − c‖² wins (earliest on ties).
 * </ul>
 */
public final class KMeans {
    private final int clusters;
    private final int maxIterations;
    private final int restarts;
    private final long seed;

    /**
     * The outcome of the best restart.
     *
     * @param assignments {@code [N]} cluster id per point, in [0, K)
     * @param inertia Σ_i min_c ‖x_i − c‖²
     * @param iterations Lloyd iterations the best restart ran
     */
    public record Result(int[] assignments, double inertia, int iterations) {}

    /**
     * @param clusters K ≥ 1
     * @param maxIterations Lloyd iterations per restart, ≥ 1 (docs/method.md §4.1: 20)
     * @param restarts n_init ≥ 1
     * @param seed the RNG seed
     * @throws IllegalArgumentException on a non-positive count
     */
    public KMeans(int clusters, int maxIterations, int restarts, long seed) {
        if (clusters < 1 || maxIterations < 1 || restarts < 1) {
            throw new IllegalArgumentException(
                    "K, iterations and n_init must be >= 1, got "
                            + clusters
                            + ", "
                            + maxIterations
                            + ", "
                            + restarts);
        }
        this.clusters = clusters;
        this.maxIterations = maxIterations;
        this.restarts = restarts;
        this.seed = seed;
    }

    /**
     * Clusters the points.
     *
     * @param manager parent manager (its device runs the products); nothing stays attached to it
     * @param points row-major {@code [N, D]} points
     * @param dim D
     * @return the best restart
     * @throws IllegalArgumentException if N &lt; K
     */
    public Result fit(NDManager manager, float[] points, int dim) {
        int n = points.length / dim;
        if (n < clusters) {
            throw new IllegalArgumentException(
                    "k-means needs N >= K, got N = " + n + ", K = " + clusters);
        }
        SplittableRandom root = new SplittableRandom(seed);
        Result best = null;
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(points, new Shape(n, dim));
            double[] xSq = squaredNorms(points, dim);
            for (int r = 0; r < restarts; r++) {
                Result run = runOnce(sub, x, points, xSq, root.split());
                if (best == null || run.inertia() < best.inertia()) {
                    best = run;
                }
            }
        }
        return best;
    }

    private static double[] squaredNorms(float[] points, int dim) {
        double[] out = new double[points.length / dim];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < dim; j++) {
                out[i] += (double) points[i * dim + j] * points[i * dim + j];
            }
        }
        return out;
    }

    private Result runOnce(
            NDManager manager, NDArray x, float[] points, double[] xSq, SplittableRandom rng) {
        int dim = (int) x.getShape().get(1);
        float[] centres = KMeansPlusPlus.init(manager, x, points, dim, clusters, rng);
        int[] assign = new int[points.length / dim];
        Arrays.fill(assign, -1);
        double[] dist = new double[assign.length];
        int it = 0;
        boolean changed = true;
        while (changed && it < maxIterations) {
            changed = assign(manager, x, xSq, centres, assign, dist);
            it++;
            if (changed) {
                centres = update(points, dim, assign, dist);
            }
        }
        double inertia = Arrays.stream(dist).sum();
        return new Result(assign, inertia, it);
    }

    /** Writes argmin assignments and squared distances; returns whether any assignment moved. */
    private boolean assign(
            NDManager manager,
            NDArray x,
            double[] xSq,
            float[] centres,
            int[] assign,
            double[] dist) {
        int dim = (int) x.getShape().get(1);
        try (NDManager sub = manager.newSubManager()) {
            // The centres come first so that every result attaches to this sub-manager.
            NDArray c = sub.create(centres, new Shape(clusters, dim));
            NDArray score =
                    c.matMul(x.transpose()).muli(2).subi(c.square().sum(new int[] {1}, true));
            long[] best = score.argMax(0).toType(DataType.INT64, false).toLongArray();
            float[] top = score.max(new int[] {0}).toType(DataType.FLOAT32, false).toFloatArray();
            boolean changed = false;
            for (int i = 0; i < assign.length; i++) {
                changed |= assign[i] != (int) best[i];
                assign[i] = (int) best[i];
                dist[i] = Math.max(0.0, xSq[i] - top[i]);
            }
            return changed;
        }
    }

    private float[] update(float[] points, int dim, int[] assign, double[] dist) {
        double[] sums = new double[clusters * dim];
        int[] counts = new int[clusters];
        for (int i = 0; i < assign.length; i++) {
            counts[assign[i]]++;
            for (int j = 0; j < dim; j++) {
                sums[assign[i] * dim + j] += points[i * dim + j];
            }
        }
        float[] centres = new float[clusters * dim];
        double[] far = dist.clone();
        for (int c = 0; c < clusters; c++) {
            if (counts[c] == 0) {
                int donor = argMax(far);
                far[donor] = -1;
                System.arraycopy(points, donor * dim, centres, c * dim, dim);
                continue;
            }
            for (int j = 0; j < dim; j++) {
                centres[c * dim + j] = (float) (sums[c * dim + j] / counts[c]);
            }
        }
        return centres;
    }

    private static int argMax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
