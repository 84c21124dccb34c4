package org.pdml.eval.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kNN vote: a label prediction and its probability from the k nearest neighbours.
 *
 * <p>For query q with neighbour labels ℓ_1, …, ℓ_k (rank order, self excluded), the votes are v_c =
 * |{i ≤ k : ℓ_i = c}|. The prediction is ŷ_q = argmax_c v_c, ties going to the tied label whose
 * first occurrence has the best (lowest) rank; the vote probability is p_q = v_{ŷ_q} / k ∈ [1/k,
 * 1], the fraction of the k nearest neighbours voting for the predicted label.
 *
 * @param predicted {@code [Q]} ŷ_q
 * @param probability {@code [Q]} p_q
 * @param k the number of voting neighbours
 */
public record KnnVote(long[] predicted, double[] probability, int k) {

    /**
     * @param n ranked neighbour labels with depth ≥ k
     * @param k the number of voting neighbours, ≥ 1
     * @return the vote of every query (excluded queries included)
     * @throws IllegalArgumentException if k &lt; 1 or k exceeds the depth
     */
    public static KnnVote of(NeighbourLabels n, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("kNN vote needs k >= 1, got " + k);
        }
        n.requireDepth(k, "kNN vote with k = " + k);
        long[] predicted = new long[n.queryCount()];
        double[] probability = new double[n.queryCount()];
        for (int q = 0; q < predicted.length; q++) {
            Map<Long, Integer> votes = new LinkedHashMap<>();
            for (int i = 0; i < k; i++) {
                votes.merge(n.labelAt(q, i), 1, Integer::sum);
            }
            // Insertion order is first-occurrence rank order, so a strict > keeps the best rank.
            long best = n.labelAt(q, 0);
            int bestVotes = 0;
            for (Map.Entry<Long, Integer> e : votes.entrySet()) {
                if (e.getValue() > bestVotes) {
                    best = e.getKey();
                    bestVotes = e.getValue();
                }
            }
            predicted[q] = best;
            probability[q] = bestVotes / (double) k;
        }
        return new KnnVote(predicted, probability, k);
    }

    /**
     * @param n the neighbour labels the vote was computed from
     * @return {@code [Q]} 1[ŷ_q = y_q]
     */
    public boolean[] correct(NeighbourLabels n) {
        boolean[] out = new boolean[predicted.length];
        for (int q = 0; q < out.length; q++) {
            out[q] = predicted[q] == n.queryLabel(q);
        }
        return out;
    }
}
