package org.pdml.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.initializer.Initializer;

/** Shared layer factories for the CNN backbones. */
final class Layers {

    /**
     * torchvision's conv init: Kaiming-normal, fan-out, ReLU gain: N(0, 2 / (C_out·k·k)) for a
     * weight of shape [C_out, C_in, k, k].
     */
    static final Initializer KAIMING_FAN_OUT =
            (manager, shape, type) -> {
                double fanOut = (double) shape.get(0) * shape.get(2) * shape.get(3);
                return manager.randomNormal(0f, (float) Math.sqrt(2.0 / fanOut), shape, type);
            };

    private Layers() {}

    /**
     * Returns a bias-free square convolution {@code [B, C_in, H, W] → [B, out, H', W']}.
     *
     * @param out output channels
     * @param kernel kernel side
     * @param stride step
     * @param padding zero padding on each side
     */
    static Conv2d conv(int out, int kernel, int stride, int padding) {
        Conv2d conv =
                Conv2d.builder()
                        .setFilters(out)
                        .setKernelShape(new Shape(kernel, kernel))
                        .optStride(new Shape(stride, stride))
                        .optPadding(new Shape(padding, padding))
                        .optBias(false)
                        .build();
        conv.setInitializer(KAIMING_FAN_OUT, Parameter.Type.WEIGHT);
        return conv;
    }

    /** Returns conv → BatchNorm, optionally followed by ReLU. */
    static SequentialBlock convBn(
            int out, int kernel, int stride, int padding, boolean frozenBn, boolean relu) {
        SequentialBlock block =
                new SequentialBlock()
                        .add(conv(out, kernel, stride, padding))
                        .add(new BatchNorm2d(out, frozenBn));
        if (relu) {
            block.add(ScriptableLambda.relu());
        }
        return block;
    }
}
