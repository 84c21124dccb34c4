package org.pdml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import org.pdml.model.torchscript.TorchScriptEmitter;
import org.pdml.model.torchscript.TorchScriptable;

/**
 * One residual unit, relu(residual(x) + shortcut(x)): torchvision's {@code BasicBlock} (two 3×3
 * convolutions) or {@code Bottleneck} (1×1, 3×3 with the stride, 1×1 expanding 4×: ResNet v1.5).
 * The shortcut is the identity, or a strided 1×1 convolution plus BatchNorm when the shape changes.
 */
public final class ResidualUnit extends PassBlock implements TorchScriptable {

    private final SequentialBlock residual;
    private final SequentialBlock shortcut;

    private ResidualUnit(SequentialBlock residual, SequentialBlock shortcut) {
        this.residual = addChildBlock("residual", residual);
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
    }

    /**
     * Returns a BasicBlock {@code [B, in, H, W] → [B, width, H/stride, W/stride]}.
     *
     * @param in input channels
     * @param width output channels
     * @param stride 1 or 2
     * @param frozenBn whether BatchNorm statistics are frozen
     */
    public static ResidualUnit basic(int in, int width, int stride, boolean frozenBn) {
        SequentialBlock residual =
                new SequentialBlock()
                        .add(Layers.convBn(width, 3, stride, 1, frozenBn, true))
                        .add(Layers.convBn(width, 3, 1, 1, frozenBn, false));
        return new ResidualUnit(residual, projection(in, width, stride, frozenBn));
    }

    /**
     * Returns a Bottleneck {@code [B, in, H, W] → [B, 4·width, H/stride, W/stride]}, stride on the
     * 3×3 convolution.
     *
     * @param in input channels
     * @param width bottleneck channels (output is 4·width)
     * @param stride 1 or 2
     * @param frozenBn whether BatchNorm statistics are frozen
     */
    public static ResidualUnit bottleneck(int in, int width, int stride, boolean frozenBn) {
        SequentialBlock residual =
                new SequentialBlock()
                        .add(Layers.convBn(width, 1, 1, 0, frozenBn, true))
                        .add(Layers.convBn(width, 3, stride, 1, frozenBn, true))
                        .add(Layers.convBn(4 * width, 1, 1, 0, frozenBn, false));
        return new ResidualUnit(residual, projection(in, 4 * width, stride, frozenBn));
    }

    private static SequentialBlock projection(int in, int out, int stride, boolean frozenBn) {
        return stride == 1 && in == out ? null : Layers.convBn(out, 1, stride, 0, frozenBn, false);
    }

    @Override
    protected NDList forward(ForwardPass pass, NDList inputs) {
        NDArray y = pass.through(residual, inputs).singletonOrThrow();
        NDArray skip =
                shortcut == null
                        ? inputs.singletonOrThrow()
                        : pass.through(shortcut, inputs).singletonOrThrow();
        return new NDList(Activation.relu(y.add(skip)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        residual.initialize(manager, dataType, inputs);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputs);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return residual.getOutputShapes(inputShapes);
    }

    @Override
    public String emitTorchScript(TorchScriptEmitter emitter, String input) {
        String y = emitter.emit(residual, input);
        String skip = shortcut == null ? input : emitter.emit(shortcut, input);
        return emitter.assign(String.format("torch.relu(torch.add(%s, %s))", y, skip));
    }
}
