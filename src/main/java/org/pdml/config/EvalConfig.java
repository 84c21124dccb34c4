package org.pdml.config;

import java.util.List;

/**
 * Retrieval evaluation (docs/method.md §4): exact cosine kNN on normalised embeddings, query
 * excluded.
 *
 * @param kList k values of Recall@k
 * @param split evaluated split
 * @param blockSize query rows per kNN block
 * @param nmi k-means settings for NMI
 * @param eceBins equal-width bins of ECE
 * @param knnVoteK neighbours voting in the kNN probability
 */
public record EvalConfig(
        @Doc("k values of Recall@k, positive and increasing") List<Integer> kList,
        @Doc("Evaluated split") Split split,
        @Doc("Query rows per exact-kNN block (memory bound)") int blockSize,
        @Doc("k-means settings for NMI") NmiConfig nmi,
        @Doc("Equal-width confidence bins of ECE") int eceBins,
        @Doc("Neighbours voting in the kNN class probability") int knnVoteK) {

    /** Copies the k list so the record stays immutable. */
    public EvalConfig {
        kList = List.copyOf(kList);
    }

    /** Evaluated splits. */
    public enum Split {
        /** Test classes (In-Shop: query against gallery). */
        TEST,
        /** Validation classes carved from training. */
        VAL
    }

    /**
     * k-means for NMI; k is the number of evaluated classes.
     *
     * @param nInit seeded restarts; the lowest inertia wins
     * @param maxIter Lloyd iterations per restart
     */
    public record NmiConfig(
            @Doc("Seeded k-means restarts") int nInit,
            @Doc("Lloyd iterations per restart") int maxIter) {}
}
