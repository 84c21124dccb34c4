package org.pdml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import java.util.function.UnaryOperator;
import org.pdml.model.torchscript.TorchScriptEmitter;
import org.pdml.model.torchscript.TorchScriptable;

/**
 * A parameter-free layer that knows both its DJL computation and its TorchScript expression: ReLU,
 * max-pooling, and global or grid average pooling. DJL's own {@code LambdaBlock} is opaque, so it
 * could not be exported.
 */
public final class ScriptableLambda extends PassBlock implements TorchScriptable {

    private final UnaryOperator<NDArray> function;
    private final UnaryOperator<Shape> shapeFunction;
    private final String scriptTemplate;

    private ScriptableLambda(
            UnaryOperator<NDArray> function,
            UnaryOperator<Shape> shapeFunction,
            String scriptTemplate) {
        this.function = function;
        this.shapeFunction = shapeFunction;
        this.scriptTemplate = scriptTemplate;
    }

    /** Returns max(x, 0) elementwise; any shape. */
    public static ScriptableLambda relu() {
        return new ScriptableLambda(Activation::relu, s -> s, "torch.relu(%s)");
    }

    /**
     * Returns square max-pooling of {@code [B, C, H, W]} (floor mode, as torch's default).
     *
     * @param kernel window side
     * @param stride step
     * @param padding implicit −∞ padding on each side
     */
    public static ScriptableLambda maxPool(int kernel, int stride, int padding) {
        Shape k = new Shape(kernel, kernel);
        Shape s = new Shape(stride, stride);
        Shape p = new Shape(padding, padding);
        return new ScriptableLambda(
                x -> Pool.maxPool2d(x, k, s, p, false),
                in ->
                        new Shape(
                                in.get(0),
                                in.get(1),
                                pooled(in.get(2), kernel, stride, padding),
                                pooled(in.get(3), kernel, stride, padding)),
                String.format(
                        "torch.max_pool2d(%%s, [%d, %d], [%d, %d], [%d, %d], [1, 1], False)",
                        kernel, kernel, stride, stride, padding, padding));
    }

    /** Returns the spatial mean of {@code [B, C, H, W]} as {@code [B, C]}. */
    public static ScriptableLambda globalAvgPool() {
        return new ScriptableLambda(
                x -> Pool.globalAvgPool2d(x).reshape(x.getShape().get(0), x.getShape().get(1)),
                in -> new Shape(in.get(0), in.get(1)),
                "torch.flatten(torch.adaptive_avg_pool2d(%s, [1, 1]), 1)");
    }

    /**
     * Returns average pooling of {@code [B, C, H, W]} onto a g×g grid of equal cells, flattened
     * channel-major to {@code [B, C·g·g]} (torch's {@code adaptive_avg_pool2d(x, [g, g])} then
     * {@code flatten(1)}). Unlike global pooling it keeps the coarse layout of the image.
     *
     * @param grid cells per side g ≥ 1 (1 is global average pooling)
     * @throws IllegalArgumentException at forward time if H or W is not a multiple of g
     */
    public static ScriptableLambda gridAvgPool(int grid) {
        if (grid < 1) {
            throw new IllegalArgumentException("pool grid must be >= 1, got " + grid);
        }
        return new ScriptableLambda(
                x -> {
                    long b = x.getShape().get(0);
                    Shape cell = cell(x.getShape(), grid);
                    return Pool.avgPool2d(x, cell, cell, new Shape(0, 0), false, true)
                            .reshape(b, -1);
                },
                in -> new Shape(in.get(0), in.get(1) * grid * grid),
                String.format(
                        "torch.flatten(torch.adaptive_avg_pool2d(%%s, [%d, %d]), 1)", grid, grid));
    }

    private static Shape cell(Shape in, int grid) {
        long h = in.get(2);
        long w = in.get(3);
        if (h % grid != 0 || w % grid != 0) {
            throw new IllegalArgumentException(
                    "feature map "
                            + h
                            + "x"
                            + w
                            + " is not divisible into a "
                            + grid
                            + "x"
                            + grid
                            + " pooling grid; choose an input size that is");
        }
        return new Shape(h / grid, w / grid);
    }

    private static long pooled(long size, int kernel, int stride, int padding) {
        return (size + 2L * padding - kernel) / stride + 1;
    }

    @Override
    protected NDList forward(ForwardPass pass, NDList inputs) {
        return new NDList(function.apply(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {shapeFunction.apply(inputShapes[0])};
    }

    @Override
    public String emitTorchScript(TorchScriptEmitter emitter, String input) {
        return emitter.assign(String.format(scriptTemplate, input));
    }
}
