package org.pdml.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.pdml.model.torchscript.TorchScriptEmitter;
import org.pdml.model.torchscript.TorchScriptable;

/**
 * Backbone followed by the embedding head: images {@code [B, 3, H, W]} (float32, normalised) →
 * unnormalised embeddings {@code z [B, D]}. The image vMF is μ = z/‖z‖, κ = ‖z‖, computed
 * downstream. The backbone is any block returning {@code [B, F]}, including an imported TorchScript
 * module.
 */
public final class EmbeddingModel extends PassBlock implements TorchScriptable {

    private final Block backbone;
    private final EmbeddingHead head;

    /**
     * Creates the model.
     *
     * @param backbone a block {@code [B, 3, H, W] → [B, F]}
     * @param head the head {@code [B, F] → [B, D]}
     */
    public EmbeddingModel(Block backbone, EmbeddingHead head) {
        this.backbone = addChildBlock("backbone", backbone);
        this.head = addChildBlock("head", head);
    }

    /** Returns the backbone (its parameters form the "backbone" optimiser group). */
    public Block backbone() {
        return backbone;
    }

    /** Returns the head (its parameters form the "head" optimiser group). */
    public EmbeddingHead head() {
        return head;
    }

    @Override
    protected NDList forward(ForwardPass pass, NDList inputs) {
        NDList features = pass.through(backbone, inputs);
        return pass.through(head, features);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        if (!backbone.isInitialized()) {
            backbone.initialize(manager, dataType, inputs);
        }
        head.initialize(manager, dataType, new Shape(inputs[0].get(0), head.inFeatures()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), head.dim())};
    }

    @Override
    public String emitTorchScript(TorchScriptEmitter emitter, String input) {
        return emitter.emit(head, emitter.emit(backbone, input));
    }
}
