package org.pdml.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * What DJL hands every block's forward pass besides its inputs: the parameter store, the training
 * flag and the extra parameters. A {@link PassBlock} reads its parameters and runs its children
 * through this one value, so that no block repeats the four-argument plumbing.
 *
 * @param store where parameter values live (per device)
 * @param training whether this is a training pass (gradients, batch statistics)
 * @param params DJL's extra forward parameters, passed on to children unchanged (may be null)
 */
public record ForwardPass(ParameterStore store, boolean training, PairList<String, Object> params) {

    /**
     * @param parameter one of the block's own parameters
     * @param device where the value is wanted
     * @return the parameter's value on {@code device} for this pass
     */
    public NDArray value(Parameter parameter, Device device) {
        return store.getValue(parameter, device, training);
    }

    /**
     * @param child a child block
     * @param inputs its inputs
     * @return the child's outputs, run in this same pass
     */
    public NDList through(Block child, NDList inputs) {
        return child.forward(store, inputs, training, params);
    }
}
