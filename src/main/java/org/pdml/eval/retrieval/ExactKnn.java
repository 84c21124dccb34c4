package org.pdml.eval.retrieval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Blocked exact k-nearest-neighbour search on NDArrays.
 *
 * <p>For each block of b queries the score matrix S = s(Q_block, G) of shape {@code [b, G]} is one
 * matrix product (see {@link Similarity}); the engine's top-(k + 1 + {@value #SLACK}) per row gives
 * candidates, and {@link RowSelector} makes the order exact: by (−score, gallery index), the
 * query's own gallery position excluded. Peak native memory beyond the gallery copy is about
 * 3·b·G·4 bytes (scores and the L2 temporaries); b defaults to ⌊{@value #BLOCK_BUDGET_FLOATS} / G⌋,
 * so N = G = 60,000 uses b = 122 and about 90 MB.
 *
 * <p>Why this budget: a score block under the C allocator's largest mmap threshold (32 MiB) is
 * reused from its heap after the first block, whereas blocks of hundreds of MB are fresh mappings
 * whose page faults and zeroing are paid again for every block; b stays large enough that the
 * product is compute-bound.
 */
public final class ExactKnn {
    /** Candidates fetched beyond k + 1 so that boundary ties are rarely ambiguous. */
    static final int SLACK = 8;

    /** Default score-block budget in floats (28 MiB). */
    public static final long BLOCK_BUDGET_FLOATS = 7L * 1024 * 1024;

    private final Similarity similarity;
    private final int k;
    private final int blockSize;

    /**
     * @param similarity the ranking similarity
     * @param k neighbours per query, ≥ 1
     * @param blockSize queries per block, or 0 for the default budget
     * @throws IllegalArgumentException if k &lt; 1 or blockSize &lt; 0
     */
    public ExactKnn(Similarity similarity, int k, int blockSize) {
        if (k < 1 || blockSize < 0) {
            throw new IllegalArgumentException(
                    "need k >= 1 and blockSize >= 0, got " + k + ", " + blockSize);
        }
        this.similarity = similarity;
        this.k = k;
        this.blockSize = blockSize;
    }

    /**
     * Finds the k nearest gallery items of every query.
     *
     * @param manager parent manager (its device runs the products); nothing stays attached to it
     * @param queries row-major {@code [Q, D]} query embeddings
     * @param gallery row-major {@code [G, D]} gallery embeddings
     * @param dim D
     * @param selfInGallery {@code [Q]} the gallery position of each query itself (excluded), or −1
     * @return neighbours in rank order
     * @throws IllegalArgumentException if shapes disagree or some query has fewer than k others
     */
    public Neighbours search(
            NDManager manager, float[] queries, float[] gallery, int dim, int[] selfInGallery) {
        int nq = queries.length / dim;
        int ng = gallery.length / dim;
        validate(queries, gallery, dim, selfInGallery, nq, ng);
        int[] indices = new int[nq * k];
        float[] scores = new float[nq * k];
        int b = blockSize > 0 ? blockSize : (int) Math.max(1, BLOCK_BUDGET_FLOATS / ng);
        try (NDManager root = manager.newSubManager()) {
            NDArray g = prepare(root.create(gallery, new Shape(ng, dim)));
            NDArray gT = g.transpose();
            NDArray gSq = g.square().sum(new int[] {1});
            for (int start = 0; start < nq; start += b) {
                int end = Math.min(nq, start + b);
                try (NDManager sub = root.newSubManager()) {
                    float[] slice = Arrays.copyOfRange(queries, start * dim, end * dim);
                    NDArray s =
                            scores(
                                    prepare(sub.create(slice, new Shape(end - start, dim))),
                                    gT,
                                    gSq);
                    selectBlock(s, start, selfInGallery, indices, scores);
                }
            }
        }
        return new Neighbours(indices, scores, k);
    }

    private void validate(float[] queries, float[] gallery, int dim, int[] self, int nq, int ng) {
        if (dim < 1 || queries.length % dim != 0 || gallery.length % dim != 0) {
            throw new IllegalArgumentException("embedding arrays are not multiples of D = " + dim);
        }
        if (self.length != nq) {
            throw new IllegalArgumentException(
                    "selfInGallery has " + self.length + " entries for " + nq + " queries");
        }
        boolean anySelf = Arrays.stream(self).anyMatch(i -> i >= 0);
        if (k > ng - (anySelf ? 1 : 0)) {
            throw new IllegalArgumentException(
                    "k = "
                            + k
                            + " exceeds the "
                            + (ng - (anySelf ? 1 : 0))
                            + " gallery items available per query");
        }
    }

    private NDArray prepare(NDArray x) {
        return similarity == Similarity.COSINE ? x.normalize(2, 1, 1e-12) : x;
    }

    private NDArray scores(NDArray q, NDArray gT, NDArray gSq) {
        NDArray dot = q.matMul(gT);
        if (similarity == Similarity.COSINE) {
            return dot;
        }
        NDArray qSq = q.square().sum(new int[] {1}, true);
        return dot.muli(2).subi(gSq).subi(qSq);
    }

    private void selectBlock(NDArray s, int start, int[] self, int[] indices, float[] scores) {
        int rows = (int) s.getShape().get(0);
        int ng = (int) s.getShape().get(1);
        int m = Math.min(ng, k + 1 + SLACK);
        // unsorted: RowSelector orders the candidates itself
        NDList top = s.topK(m, 1, true, false);
        float[] vals = asFloats(top.get(0));
        long[] idx = asLongs(top.get(1));
        for (int r = 0; r < rows; r++) {
            int q = start + r;
            float[] v = Arrays.copyOfRange(vals, r * m, (r + 1) * m);
            long[] ix = Arrays.copyOfRange(idx, r * m, (r + 1) * m);
            int[] picked = RowSelector.fromCandidates(v, ix, self[q], k, m == ng);
            float[] row = null;
            if (picked == null) {
                row = s.get(r).toFloatArray();
                picked = RowSelector.fromRow(row, self[q], k);
            }
            for (int i = 0; i < k; i++) {
                indices[q * k + i] = picked[i];
                scores[q * k + i] = row != null ? row[picked[i]] : scoreOf(v, ix, picked[i]);
            }
        }
    }

    private static float[] asFloats(NDArray a) {
        return a.getDataType() == DataType.FLOAT32
                ? a.toFloatArray()
                : a.toType(DataType.FLOAT32, false).toFloatArray();
    }

    private static long[] asLongs(NDArray a) {
        return a.getDataType() == DataType.INT64
                ? a.toLongArray()
                : a.toType(DataType.INT64, false).toLongArray();
    }

    private static float scoreOf(float[] vals, long[] idx, int position) {
        for (int j = 0; j < idx.length; j++) {
            if (idx[j] == position) {
                return vals[j];
            }
        }
        throw new IllegalStateException("position " + position + " is not a candidate");
    }
}
