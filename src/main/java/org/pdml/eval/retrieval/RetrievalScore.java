package org.pdml.eval.retrieval;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.pdml.eval.metrics.MapAtR;
import org.pdml.eval.metrics.NeighbourLabels;
import org.pdml.eval.metrics.RecallAtK;

/**
 * The two model-selection numbers of a class-disjoint validation split, R@1 and MAP@R, from
 * embeddings alone: cosine exact kNN over all items (each one a query against all others, self
 * excluded), with depth max R_q so MAP@R is exact.
 *
 * @param recallAt1 R@1 = P@1 over queries with R_q &gt; 0
 * @param mapAtR MAP@R over the same queries
 * @param evaluatedQueries |Q'|
 */
public record RetrievalScore(double recallAt1, double mapAtR, int evaluatedQueries) {

    /**
     * Scores embeddings.
     *
     * @param manager manager for the kNN blocks
     * @param z row-major {@code [N, D]} raw embeddings
     * @param dim D
     * @param labels {@code [N]} labels
     * @param blockSize query rows per kNN block (0 for the default memory budget)
     * @return the score
     * @throws IllegalArgumentException if no query has a same-label neighbour
     */
    public static RetrievalScore of(
            NDManager manager, float[] z, int dim, long[] labels, int blockSize) {
        int[] self = IntStream.range(0, labels.length).toArray();
        int[] relevant = NeighbourLabels.relevantCounts(labels, labels, self);
        int depth = Math.max(1, Arrays.stream(relevant).max().orElse(1));
        ExactKnn knn = new ExactKnn(Similarity.COSINE, depth, blockSize);
        Neighbours found = knn.search(manager, z, z, dim, self);
        NeighbourLabels n = new NeighbourLabels(labels, found.labels(labels), relevant);
        if (n.evaluatedCount() == 0) {
            throw new IllegalArgumentException("no query has a same-label neighbour");
        }
        return new RetrievalScore(RecallAtK.compute(n, 1), MapAtR.compute(n), n.evaluatedCount());
    }
}
