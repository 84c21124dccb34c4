package org.pdml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import org.pdml.model.torchscript.TorchScriptEmitter;
import org.pdml.model.torchscript.TorchScriptable;

/**
 * The linear embedding head {@code z = x Wᵀ + b}: {@code [B, F] → [B, D]}, W [D, F], b [D].
 *
 * <p>Initialisation is torch's {@code nn.Linear} default, U(−1/√F, 1/√F) for W and b, after which
 * the weight (not the bias) is multiplied by {@code initNorm}, as the reference does for its
 * vMF-proxy losses so that κ = ‖z‖ starts where the normaliser fit holds.
 */
public final class EmbeddingHead extends PassBlock implements TorchScriptable {

    private final int inFeatures;
    private final int dim;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates the head.
     *
     * @param inFeatures F, the backbone's feature dimension
     * @param dim D, the embedding dimension
     * @param initNorm multiplier of the initial weight (1 for torch's plain default)
     * @throws IllegalArgumentException if a size is not positive or initNorm is not finite
     */
    public EmbeddingHead(int inFeatures, int dim, float initNorm) {
        if (inFeatures <= 0 || dim <= 0 || !Float.isFinite(initNorm)) {
            throw new IllegalArgumentException(
                    "EmbeddingHead needs inFeatures, dim > 0 and finite initNorm, got "
                            + inFeatures
                            + ", "
                            + dim
                            + ", "
                            + initNorm);
        }
        this.inFeatures = inFeatures;
        this.dim = dim;
        float bound = (float) (1.0 / Math.sqrt(inFeatures));
        weight = addParameter(param("weight", Parameter.Type.WEIGHT, new Shape(dim, inFeatures)));
        bias = addParameter(param("bias", Parameter.Type.BIAS, new Shape(dim)));
        weight.setInitializer(uniform(bound, initNorm));
        bias.setInitializer(uniform(bound, 1f));
    }

    private static Parameter param(String name, Parameter.Type type, Shape shape) {
        return Parameter.builder().setName(name).setType(type).optShape(shape).build();
    }

    private static Initializer uniform(float bound, float scale) {
        return (manager, shape, type) ->
                manager.randomUniform(-bound, bound, shape, type).muli(scale);
    }

    /** Returns F, the input feature dimension. */
    public int inFeatures() {
        return inFeatures;
    }

    /** Returns D, the embedding dimension. */
    public int dim() {
        return dim;
    }

    /** Returns the weight parameter W [D, F]. */
    public Parameter weight() {
        return weight;
    }

    /** Returns the bias parameter b [D]. */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected NDList forward(ForwardPass pass, NDList inputs) {
        NDArray x = inputs.singletonOrThrow();
        var device = x.getDevice();
        return Linear.linear(x, pass.value(weight, device), pass.value(bias, device));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }

    @Override
    public String emitTorchScript(TorchScriptEmitter emitter, String input) {
        String w = emitter.parameter(weight);
        String b = emitter.parameter(bias);
        return emitter.assign(String.format("torch.linear(%s, %s, %s)", input, w, b));
    }
}
