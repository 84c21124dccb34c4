package org.pdml.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.pdml.model.EmbeddingModel;
import org.pdml.model.ForwardPass;
import org.pdml.model.PassBlock;
import org.pdml.model.VmfProxies;

/**
 * What a training step differentiates: the embedding network and the proxies in one block, so that
 * DJL's trainer sees every parameter. Forward: images {@code [B, C, H, W]} → {@code [z [B, D], v
 * [C, D], κ [C, D], T []]}, exactly the predictions a {@code ProxyLoss} expects.
 */
public final class TrainingBlock extends PassBlock {
    private final EmbeddingModel embedder;
    private final VmfProxies proxies;

    /**
     * Combines the two parts.
     *
     * @param embedder backbone + head
     * @param proxies class proxies and temperature
     */
    public TrainingBlock(EmbeddingModel embedder, VmfProxies proxies) {
        this.embedder = addChildBlock("embedder", embedder);
        this.proxies = addChildBlock("proxies", proxies);
    }

    /** Returns the embedding network. */
    public EmbeddingModel embedder() {
        return embedder;
    }

    /** Returns the proxies. */
    public VmfProxies proxies() {
        return proxies;
    }

    @Override
    protected NDList forward(ForwardPass pass, NDList inputs) {
        NDList z = pass.through(embedder, inputs);
        NDList proxyValues = pass.through(proxies, inputs);
        return new NDList(z.singletonOrThrow()).addAll(proxyValues);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        embedder.initialize(manager, dataType, inputs);
        proxies.initialize(manager, dataType, inputs);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] z = embedder.getOutputShapes(inputShapes);
        Shape[] p = proxies.getOutputShapes(inputShapes);
        return new Shape[] {z[0], p[0], p[1], p[2]};
    }
}
