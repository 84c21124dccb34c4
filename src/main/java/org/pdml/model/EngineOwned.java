package org.pdml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/**
 * Moves arrays built from JVM data into memory the engine allocated itself.
 *
 * <p>DJL's PyTorch engine wraps a Java direct buffer in place ({@code from_blob}) when an array is
 * created from JVM data ({@code manager.create(float[])}, {@code NDArray.decode}, {@code
 * Block.loadParameters}). Such a buffer is only 8- or 16-byte aligned, at an address that differs
 * from run to run, whereas libtorch's allocator aligns to 64 bytes. oneMKL documents that its
 * results may depend on the alignment of its inputs (outside its CNR mode), so a GEMM or
 * convolution fed from a Java buffer is not guaranteed to round identically in two processes. That
 * breaks bit-identical resume: a run restored from a checkpoint would compute with misaligned
 * parameters that the uninterrupted run never had. Copying into engine memory makes the numerics a
 * function of the values alone.
 */
public final class EngineOwned {

    private EngineOwned() {}

    /**
     * An engine-allocated copy of {@code array}, in the array's manager; the original is closed.
     *
     * @param array any array (typically fresh from {@code manager.create})
     * @return a contiguous copy with the same shape, dtype and values
     */
    public static NDArray copyOf(NDArray array) {
        NDArray copy = array.duplicate();
        array.close();
        return copy;
    }

    /**
     * {@code manager.create(values, shape)} in engine-allocated memory.
     *
     * @param manager owner of the result
     * @param values row-major values
     * @param shape their shape
     * @return the array
     */
    public static NDArray create(NDManager manager, float[] values, Shape shape) {
        return copyOf(manager.create(values, shape));
    }

    /**
     * Re-homes every parameter array of {@code block} in engine memory, in place: the same {@link
     * NDArray} objects keep their identity (so anything that cached them stays valid) but now hold
     * an engine-allocated copy. Run it right after {@code loadParameters}. Gradient flags are not
     * carried over; the caller re-marks trainable parameters. The parameters of a {@link
     * TorchScriptBackbone} are left alone: they are the module's own engine tensors.
     *
     * @param block an initialised block
     */
    public static void adoptParameters(Block block) {
        if (block instanceof TorchScriptBackbone) {
            // Its module computes with its own libtorch tensors, restored in place by its
            // loadParameters; re-homing them would detach the parameters from the module.
            return;
        }
        for (Parameter parameter : block.getDirectParameters().values()) {
            if (parameter.isInitialized()) {
                adopt(parameter.getArray());
            }
        }
        for (Block child : block.getChildren().values()) {
            adoptParameters(child);
        }
    }

    /**
     * Replaces the memory behind {@code array} by an engine-allocated copy, keeping the object.
     *
     * @param array the array to re-home; its values are unchanged
     */
    public static void adopt(NDArray array) {
        // intern takes the copy's native handle and closes the copy's wrapper.
        array.intern(array.duplicate());
    }
}
