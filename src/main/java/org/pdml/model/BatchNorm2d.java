package org.pdml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import org.pdml.model.torchscript.TorchScriptEmitter;
import org.pdml.model.torchscript.TorchScriptable;

/**
 * Batch normalisation over the channel axis of {@code [B, C, H, W]}, as {@code
 * torch.nn.BatchNorm2d} (ε = 1e-5, running-average momentum 0.1, unbiased running variance).
 *
 * <p>With {@code frozenStatistics} the running mean and variance are used in training as well and
 * are never updated, while γ and β stay trainable: the reference's {@code resnet50_frozen}.
 */
public final class BatchNorm2d extends PassBlock implements TorchScriptable {

    /** Numerical floor added to the variance, as torch's default. */
    public static final float EPSILON = 1e-5f;

    /** DJL's momentum convention: running ← 0.9·running + 0.1·batch (torch's momentum 0.1). */
    private static final float DJL_MOMENTUM = 0.9f;

    private final int channels;
    private final boolean frozenStatistics;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    /**
     * Creates the block.
     *
     * @param channels number of channels C
     * @param frozenStatistics true to always normalise with the running statistics and never update
     *     them
     */
    public BatchNorm2d(int channels, boolean frozenStatistics) {
        this.channels = channels;
        this.frozenStatistics = frozenStatistics;
        gamma = addParameter(vector("gamma", Parameter.Type.GAMMA, true));
        beta = addParameter(vector("beta", Parameter.Type.BETA, true));
        runningMean = addParameter(vector("runningMean", Parameter.Type.RUNNING_MEAN, false));
        runningVar = addParameter(vector("runningVar", Parameter.Type.RUNNING_VAR, false));
    }

    private Parameter vector(String name, Parameter.Type type, boolean trainable) {
        return Parameter.builder()
                .setName(name)
                .setType(type)
                .optShape(new Shape(channels))
                .optRequiresGrad(trainable)
                .build();
    }

    /** Returns whether the running statistics are frozen. */
    public boolean isFrozenStatistics() {
        return frozenStatistics;
    }

    @Override
    protected NDList forward(ForwardPass pass, NDList inputs) {
        NDArray x = inputs.singletonOrThrow();
        var device = x.getDevice();
        return BatchNorm.batchNorm(
                x,
                pass.value(runningMean, device),
                pass.value(runningVar, device),
                pass.value(gamma, device),
                pass.value(beta, device),
                1,
                DJL_MOMENTUM,
                EPSILON,
                pass.training() && !frozenStatistics);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String emitTorchScript(TorchScriptEmitter emitter, String input) {
        String w = emitter.parameter(gamma);
        String b = emitter.parameter(beta);
        String m = emitter.buffer(runningMean);
        String v = emitter.buffer(runningVar);
        return emitter.assign(
                String.format(
                        "torch.batch_norm(%s, %s, %s, %s, %s, False, 0.1, %s, True)",
                        input, w, b, m, v, TorchScriptEmitter.literal(EPSILON)));
    }
}
