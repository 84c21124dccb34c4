package org.pdml.model.torchscript;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * Restores a saved TorchScript module's parameter values into a live module, in place.
 *
 * <p>DJL's {@code PtSymbolBlock.loadParameters} swaps in a newly read module but keeps handing out
 * the old module's parameters, which the trainer and optimiser have already cached: a resumed run
 * would then update tensors that the forward no longer uses. Instead, the saved module is read into
 * a temporary block and each parameter's values are copied into the live tensor (the same storage
 * the live module computes with), so every cached reference stays valid. Module buffers (BatchNorm
 * running statistics) are not reachable through DJL and keep the live module's values.
 */
public final class SavedModuleValues {

    private static final NDIndex ALL = new NDIndex("...");

    private SavedModuleValues() {}

    /**
     * Reads one module as written by {@code PtSymbolBlock.saveParameters} from {@code in} and
     * copies its parameter values into {@code live}'s parameters.
     *
     * @param live the module being trained (a {@code PtSymbolBlock}), its parameters initialised
     * @param manager a PyTorch-engine manager for the temporary module
     * @param in positioned at the saved module
     * @throws MalformedModelException if the saved module's parameter names, shapes or types differ
     *     from the live module's (naming the first that differs)
     * @throws IOException if the stream cannot be read
     */
    public static void copyInto(Block live, NDManager manager, DataInputStream in)
            throws IOException, MalformedModelException {
        if (!(manager instanceof PtNDManager pt)) {
            throw new IllegalArgumentException(
                    "TorchScript modules need the PyTorch engine, got " + manager.getEngine());
        }
        PtSymbolBlock saved = new PtSymbolBlock(pt);
        try {
            saved.loadParameters(manager, in);
            ParameterList source = saved.getParameters();
            try {
                copyAll(source, live.getParameters());
            } finally {
                for (Parameter p : source.values()) {
                    p.getArray().close();
                }
            }
        } finally {
            saved.close();
        }
    }

    private static void copyAll(ParameterList source, ParameterList target)
            throws MalformedModelException {
        if (!source.keys().equals(target.keys())) {
            throw new MalformedModelException(
                    "the checkpoint's TorchScript module has parameters "
                            + source.keys()
                            + ", the configured backbone "
                            + target.keys());
        }
        for (Pair<String, Parameter> p : target) {
            NDArray from = source.get(p.getKey()).getArray();
            NDArray to = p.getValue().getArray();
            if (!from.getShape().equals(to.getShape()) || from.getDataType() != to.getDataType()) {
                throw new MalformedModelException(
                        "TorchScript parameter "
                                + p.getKey()
                                + " is "
                                + from.getDataType()
                                + from.getShape()
                                + " in the checkpoint, "
                                + to.getDataType()
                                + to.getShape()
                                + " in the configured backbone");
            }
            // A detached view shares the parameter's storage and may be written in place.
            try (NDArray view = to.stopGradient()) {
                view.set(ALL, from);
            }
        }
    }
}
