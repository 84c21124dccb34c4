package org.pdml.eval.metrics;

/**
 * The temperature-scaled kNN vote: a confidence that the nearest neighbour's label is right.
 *
 * <p>For query q with neighbour labels ℓ_1, …, ℓ_k and similarities s_1 ≥ … ≥ s_k (rank order, self
 * excluded), each neighbour votes with weight w_i = exp((s_i − s_1) / τ), and
 *
 * <pre>
 *   c_q(τ) = Σ_{i ≤ k : ℓ_i = ℓ_1} w_i / Σ_{i ≤ k} w_i  ∈ [1/k, 1],
 * </pre>
 *
 * the soft-vote mass of the label that R@1 answers with. τ → 0 gives c_q = 1 unless s_2 = s_1, τ →
 * ∞ the plain vote share of ℓ_1 among the k neighbours. τ has the unit of the similarity (cosine:
 * dimensionless).
 *
 * <p>τ is fitted by {@link #fitTemperature}: the minimiser of the mean binary cross-entropy between
 * c_q(τ) and 1[ℓ_1 = y_q] over a fixed log-spaced grid, so the fit is deterministic. {@link
 * #crossFitted} gives every query a confidence whose τ was fitted without that query's label (two
 * folds by position), so an AUROC over them is an out-of-sample figure.
 */
public final class SoftVote {
    /** log10 τ from {@value #LOG_TAU_MIN} to {@value #LOG_TAU_MAX} in steps of 1/20. */
    static final double LOG_TAU_MIN = -4;

    static final double LOG_TAU_MAX = 3;
    private static final int STEPS_PER_DECADE = 20;

    /** Confidences are clipped to [ε, 1 − ε] inside the cross-entropy. */
    private static final double EPS = 1e-7;

    private SoftVote() {}

    /**
     * @param n ranked neighbour labels, depth ≥ k
     * @param scores {@code [Q·depth]} their similarities, row-major, non-increasing along each row
     * @param k neighbours in the vote, ≥ 1
     * @param tau temperature, &gt; 0
     * @param q the query
     * @return c_q(τ)
     */
    public static double confidence(NeighbourLabels n, float[] scores, int k, double tau, int q) {
        int depth = n.depth();
        double top = scores[q * depth];
        double same = 0;
        double all = 0;
        for (int i = 0; i < k; i++) {
            double w = Math.exp((scores[q * depth + i] - top) / tau);
            all += w;
            if (n.labelAt(q, i) == n.labelAt(q, 0)) {
                same += w;
            }
        }
        return same / all;
    }

    /**
     * @param n ranked neighbour labels, depth ≥ k
     * @param scores {@code [Q·depth]} their similarities
     * @param k neighbours in the vote
     * @param rows the queries to fit on
     * @param correct {@code [Q]} 1[ℓ_1 = y_q]
     * @return the grid τ with the least mean cross-entropy on {@code rows} (the smallest on ties)
     * @throws IllegalArgumentException if {@code rows} is empty or k is out of range
     */
    public static double fitTemperature(
            NeighbourLabels n, float[] scores, int k, int[] rows, boolean[] correct) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("soft vote: no query to fit the temperature on");
        }
        if (k < 1) {
            throw new IllegalArgumentException("soft vote needs k >= 1, got " + k);
        }
        n.requireDepth(k, "soft vote with k = " + k);
        double bestTau = Double.NaN;
        double bestLoss = Double.POSITIVE_INFINITY;
        int steps = (int) Math.round((LOG_TAU_MAX - LOG_TAU_MIN) * STEPS_PER_DECADE);
        for (int s = 0; s <= steps; s++) {
            double tau = Math.pow(10, LOG_TAU_MIN + s / (double) STEPS_PER_DECADE);
            double loss = 0;
            for (int q : rows) {
                double c = Math.min(1 - EPS, Math.max(EPS, confidence(n, scores, k, tau, q)));
                loss -= correct[q] ? Math.log(c) : Math.log1p(-c);
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                bestTau = tau;
            }
        }
        return bestTau;
    }

    /**
     * Out-of-fold confidences: the rows at even positions of {@code rows} are scored with the τ
     * fitted on the odd positions, and the other way round.
     *
     * @param n ranked neighbour labels, depth ≥ k
     * @param scores {@code [Q·depth]} their similarities
     * @param k neighbours in the vote
     * @param rows the queries, at least 2
     * @param correct {@code [Q]} 1[ℓ_1 = y_q]
     * @return {@code [rows.length]} c_q in the order of {@code rows}
     * @throws IllegalArgumentException if fewer than 2 rows are given
     */
    public static double[] crossFitted(
            NeighbourLabels n, float[] scores, int k, int[] rows, boolean[] correct) {
        if (rows.length < 2) {
            throw new IllegalArgumentException(
                    "soft vote: cross-fitting needs at least 2 queries, got " + rows.length);
        }
        int[][] folds = {fold(rows, 0), fold(rows, 1)};
        double[] out = new double[rows.length];
        for (int f = 0; f < 2; f++) {
            double tau = fitTemperature(n, scores, k, folds[1 - f], correct);
            for (int i = f; i < rows.length; i += 2) {
                out[i] = confidence(n, scores, k, tau, rows[i]);
            }
        }
        return out;
    }

    private static int[] fold(int[] rows, int parity) {
        int[] out = new int[(rows.length - parity + 1) / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows[2 * i + parity];
        }
        return out;
    }
}
