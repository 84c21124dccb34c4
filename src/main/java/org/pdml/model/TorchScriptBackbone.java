package org.pdml.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.DataInputStream;
import java.io.IOException;
import org.pdml.model.torchscript.EvalModeForward;
import org.pdml.model.torchscript.SavedModuleValues;

/**
 * A backbone imported from TorchScript (a trainable {@code PtSymbolBlock}, loaded with {@code
 * trainParam=true}): {@code [B, 3, H, W] → [B, F]}. The module must return pooled features of rank
 * 2. With frozen BatchNorm the module always runs in eval mode, so its BatchNorm layers use and
 * keep their running statistics while gradients still reach every parameter (affine included);
 * otherwise it runs in train mode while training. Loading saved parameters restores the module's
 * parameter values in place; its buffers (BatchNorm running statistics) keep their current values.
 */
public final class TorchScriptBackbone extends PassBlock {
    private final Block module;
    private final boolean frozenBn;
    private final int features;

    /**
     * Wraps an imported module.
     *
     * @param module the loaded, initialised TorchScript block
     * @param frozenBn true to keep the module in eval mode (BatchNorm statistics frozen)
     * @param features F, the size of the module's output rows
     */
    public TorchScriptBackbone(Block module, boolean frozenBn, int features) {
        this.module = addChildBlock("module", module);
        this.frozenBn = frozenBn;
        this.features = features;
    }

    /**
     * Runs a module once on zeros to learn its output size.
     *
     * @param module the loaded TorchScript block
     * @param inputSize image side S
     * @param where the module's file, for the error message
     * @param device the device the module's parameters live on
     * @return F for an output of shape {@code [1, F]}
     * @throws IllegalArgumentException naming the file if the output is not {@code [1, F]}
     */
    public static int probeFeatures(Block module, int inputSize, String where, Device device) {
        try (NDManager m = NDManager.newBaseManager(device)) {
            NDArray x = m.zeros(new Shape(1, 3, inputSize, inputSize));
            NDList out = module.forward(new ParameterStore(m, false), new NDList(x), false);
            Shape s = out.head().getShape();
            if (out.size() != 1 || s.dimension() != 2 || s.get(0) != 1) {
                throw new IllegalArgumentException(
                        "TorchScript backbone "
                                + where
                                + " maps [1, 3, "
                                + inputSize
                                + ", "
                                + inputSize
                                + "] to "
                                + out.getShapes()
                                + "; it must return one tensor [B, F] (pooled features)");
            }
            return Math.toIntExact(s.get(1));
        }
    }

    /** Returns the imported module. */
    public Block module() {
        return module;
    }

    /** Returns F. */
    public int features() {
        return features;
    }

    @Override
    protected NDList forward(ForwardPass pass, NDList inputs) {
        if (pass.training() && frozenBn) {
            return EvalModeForward.forward(module, inputs);
        }
        return pass.through(module, inputs);
    }

    /**
     * Restores the module's parameter values in place ({@link SavedModuleValues}) instead of DJL's
     * module swap, so that a trainer built before the load keeps training the tensors the forward
     * uses. Reads what {@link #saveParameters} wrote.
     */
    @Override
    public void loadParameters(NDManager manager, DataInputStream is)
            throws IOException, MalformedModelException {
        byte version = is.readByte();
        loadMetadata(version, is);
        SavedModuleValues.copyInto(module, manager, is);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        // The imported module arrives initialised with its own (e.g. pretrained) weights.
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), features)};
    }
}
