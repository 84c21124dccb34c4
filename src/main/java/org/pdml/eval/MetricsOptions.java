package org.pdml.eval;

import java.util.List;
import org.pdml.eval.retrieval.Similarity;

/**
 * What {@link MetricsStage} computes.
 *
 * @param ks the Recall@k list, each ≥ 1 (CUB/Cars: 1, 2, 4, 8; SOP: 1, 10, 100, 1000; In-Shop: 1,
 *     10, 20, 30, 40)
 * @param queryGallery rank role-1 queries against role-2 gallery rows ({@code roles.npy}, In-Shop)
 *     instead of every row against all others
 * @param similarity the ranking similarity (cosine by default)
 * @param voteK neighbours in the kNN vote, ≥ 1
 * @param eceBins equal-width confidence bins of the ECE and the reliability diagram, ≥ 1
 * @param seed k-means seed
 * @param nInit k-means restarts, ≥ 1
 * @param kmeansIterations Lloyd iterations per restart, ≥ 1 (docs/method.md §4.1: 20)
 * @param blockSize kNN query block size, or 0 for the default memory budget
 * @param modelSha256 hash of the model that produced the embeddings, or empty
 * @param split the split name recorded in the report (e.g. "test")
 */
public record MetricsOptions(
        List<Integer> ks,
        boolean queryGallery,
        Similarity similarity,
        int voteK,
        int eceBins,
        long seed,
        int nInit,
        int kmeansIterations,
        int blockSize,
        String modelSha256,
        String split) {

    /**
     * @throws IllegalArgumentException if a count is out of range
     */
    public MetricsOptions {
        ks = List.copyOf(ks);
        if (ks.isEmpty() || ks.stream().anyMatch(k -> k < 1)) {
            throw new IllegalArgumentException("--k needs positive values, got " + ks);
        }
        if (voteK < 1 || eceBins < 1 || nInit < 1 || kmeansIterations < 1 || blockSize < 0) {
            throw new IllegalArgumentException(
                    "vote k, ECE bins, n_init and k-means iterations must be >= 1 and block size"
                            + " >= 0");
        }
    }

    /**
     * @param ks the Recall@k list
     * @return defaults: all-vs-all cosine, vote k 10, 15 ECE bins, seed 0, n_init 3, 20 iterations
     */
    public static MetricsOptions defaults(List<Integer> ks) {
        return new MetricsOptions(ks, false, Similarity.COSINE, 10, 15, 0, 3, 20, 0, "", "");
    }
}
