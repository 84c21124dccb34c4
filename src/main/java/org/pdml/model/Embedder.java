package org.pdml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.function.IntFunction;

/**
 * Batched inference of an embedding network over the records of a split: images {@code [B, C, H,
 * W]} → z {@code [B, D]}, in evaluation mode (BatchNorm uses running statistics). Each batch lives
 * in its own sub-manager, so memory does not grow with N.
 *
 * <p>Training (validation, the class-means warm start) and evaluation ({@code pdml evaluate},
 * {@code pdml embed}) embed through this one class, so a validation score means what a report's
 * score means. It sits in {@code model}, below both, and takes the images as a plain function of
 * the row, so it knows nothing of the data path (docs/architecture.md §4).
 */
public final class Embedder {
    private final Block network;
    private final NDManager manager;
    private final int batchSize;
    private final int[] chw;

    /**
     * Creates the embedder.
     *
     * @param network an initialised block {@code [B, C, H, W] → [B, D]}
     * @param manager the manager holding the network's parameters
     * @param batchSize images per forward pass
     * @param chw {C, H, W} of the transformed images
     */
    public Embedder(Block network, NDManager manager, int batchSize, int[] chw) {
        if (batchSize < 1 || chw.length != 3) {
            throw new IllegalArgumentException("batchSize >= 1 and chw of length 3 required");
        }
        this.network = network;
        this.manager = manager;
        this.batchSize = batchSize;
        this.chw = chw.clone();
    }

    /**
     * Embeds rows 0..n−1.
     *
     * @param n number of records
     * @param image the deterministic evaluation image {@code [C, H, W]} (row-major) of a row
     * @return row-major {@code [n, D]} float32 embeddings, and D
     */
    public Result embed(int n, IntFunction<float[]> image) {
        float[] out = null;
        int dim = 0;
        ParameterStore store = new ParameterStore(manager, false);
        for (int start = 0; start < n; start += batchSize) {
            int b = Math.min(batchSize, n - start);
            try (NDManager sub = manager.newSubManager()) {
                NDArray z = forward(store, sub, start, b, image);
                dim = (int) z.getShape().get(1);
                if (out == null) {
                    out = new float[Math.multiplyExact(n, dim)];
                }
                float[] values = z.toType(DataType.FLOAT32, false).toFloatArray();
                System.arraycopy(values, 0, out, start * dim, values.length);
            }
        }
        return new Result(out == null ? new float[0] : out, n, dim);
    }

    private NDArray forward(
            ParameterStore store, NDManager sub, int start, int b, IntFunction<float[]> image) {
        int per = chw[0] * chw[1] * chw[2];
        float[] pixels = new float[b * per];
        for (int i = 0; i < b; i++) {
            System.arraycopy(image.apply(start + i), 0, pixels, i * per, per);
        }
        NDArray x = EngineOwned.create(sub, pixels, new Shape(b, chw[0], chw[1], chw[2]));
        NDList z = network.forward(store, new NDList(x), false);
        return z.singletonOrThrow();
    }

    /**
     * Embeddings of a split.
     *
     * @param values row-major {@code [count, dim]}
     * @param count N
     * @param dim D
     */
    public record Result(float[] values, int count, int dim) {}
}
