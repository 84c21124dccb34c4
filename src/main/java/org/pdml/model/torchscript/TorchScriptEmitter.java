package org.pdml.model.torchscript;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the body of a TorchScript {@code forward} method from a block tree. Parameters become
 * module attributes {@code p0, p1, …} (trainable) and running statistics buffers {@code b0, b1, …};
 * statements assign fresh variables {@code t0, t1, …}.
 */
public final class TorchScriptEmitter {

    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();
    private final List<String> statements = new ArrayList<>();
    private int variables;

    /**
     * Emits {@code block} applied to {@code input}.
     *
     * @param block a {@link TorchScriptable}, a {@link SequentialBlock} of such, or a DJL {@link
     *     Conv2d}
     * @param input the input variable
     * @return the output variable
     * @throws IllegalArgumentException naming the block's class if it cannot be expressed
     */
    public String emit(Block block, String input) {
        if (block instanceof TorchScriptable scriptable) {
            return scriptable.emitTorchScript(this, input);
        }
        if (block instanceof SequentialBlock sequential) {
            String x = input;
            for (Block child : sequential.getChildren().values()) {
                x = emit(child, x);
            }
            return x;
        }
        if (block instanceof Conv2d conv) {
            return emitConv(conv, input);
        }
        throw new IllegalArgumentException(
                "cannot express " + block.getClass().getName() + " as TorchScript");
    }

    private String emitConv(Conv2d conv, String input) {
        String w = parameter(conv.getParameters().get("weight"));
        String b = conv.isIncludeBias() ? parameter(conv.getParameters().get("bias")) : "None";
        return assign(
                String.format(
                        "torch.conv2d(%s, %s, %s, %s, %s, %s, %d)",
                        input,
                        w,
                        b,
                        list(conv.getStride()),
                        list(conv.getPadding()),
                        list(conv.getDilation()),
                        conv.getGroups()));
    }

    /** Registers a trainable tensor and returns its attribute expression {@code self.pN}. */
    public String parameter(Parameter parameter) {
        String name = "p" + parameters.size();
        parameters.put(name, parameter.getArray());
        return "self." + name;
    }

    /** Registers a non-trainable tensor and returns its attribute expression {@code self.bN}. */
    public String buffer(Parameter parameter) {
        String name = "b" + buffers.size();
        buffers.put(name, parameter.getArray());
        return "self." + name;
    }

    /** Appends {@code tN = expression} and returns {@code tN}. */
    public String assign(String expression) {
        String name = "t" + variables++;
        statements.add(name + " = " + expression);
        return name;
    }

    /** Returns a TorchScript float literal that parses back to exactly {@code value}. */
    public static String literal(float value) {
        return String.format(Locale.ROOT, "%.9e", (double) value);
    }

    private static String list(Shape shape) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < shape.dimension(); i++) {
            out.append(i == 0 ? "" : ", ").append(shape.get(i));
        }
        return out.append(']').toString();
    }

    /** Returns the trainable tensors by attribute name, in emission order. */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /** Returns the buffers by attribute name, in emission order. */
    public Map<String, NDArray> buffers() {
        return buffers;
    }

    /** Returns the statements of the forward body, in order. */
    public List<String> statements() {
        return statements;
    }
}
