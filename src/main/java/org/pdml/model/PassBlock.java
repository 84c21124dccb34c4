package org.pdml.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An {@link AbstractBlock} whose forward pass receives DJL's arguments as one {@link ForwardPass}.
 * Subclasses implement {@link #forward(ForwardPass, NDList)}; initialisation and output shapes stay
 * DJL's own contract.
 */
public abstract class PassBlock extends AbstractBlock {

    @Override
    protected final NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        return forward(new ForwardPass(store, training, params), inputs);
    }

    /**
     * The block's computation.
     *
     * @param pass the store, training flag and extra parameters of this pass
     * @param inputs the block's inputs
     * @return the block's outputs
     */
    protected abstract NDList forward(ForwardPass pass, NDList inputs);
}
