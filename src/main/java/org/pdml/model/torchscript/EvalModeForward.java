package org.pdml.model.torchscript;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The forward of an imported TorchScript module in eval mode with autograd recording: BatchNorm
 * layers normalise with (and keep) their running statistics while gradients reach every parameter.
 * DJL's {@code PtSymbolBlock.forward(..., training = false)} runs the module under inference mode,
 * whose outputs cannot be saved for backward, so a frozen-BatchNorm backbone could not be trained
 * through it.
 */
public final class EvalModeForward {

    private EvalModeForward() {}

    /**
     * Runs {@code module} ({@code module.eval()}, gradients recorded when a gradient collector is
     * open).
     *
     * @param module a {@code PtSymbolBlock}
     * @param inputs the module's inputs
     * @return its outputs
     * @throws IllegalArgumentException if the module is not a PyTorch-engine TorchScript block
     */
    public static NDList forward(Block module, NDList inputs) {
        if (!(module instanceof PtSymbolBlock block)) {
            throw new IllegalArgumentException(
                    "eval-mode training needs an imported TorchScript module, got "
                            + module.getClass().getName());
        }
        JniUtils.enableInferenceMode(block);
        return IValueUtils.forward(block, inputs, true);
    }
}
