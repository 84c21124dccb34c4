package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Base of the proxy losses: reads the DJL convention (predictions [z [B, D], v [C, D], κ [C, D], T
 * [1]], labels [y [B]]) into float64 {@link ProxyLossInputs}, computes there, and returns the
 * scalar in z's data type.
 */
public abstract class ProxyLoss extends Loss {

    private final boolean learnableTemperature;

    /**
     * @param name the loss name shown by DJL's accumulators
     * @param learnableTemperature false detaches T (no gradient)
     */
    protected ProxyLoss(String name, boolean learnableTemperature) {
        super(name);
        this.learnableTemperature = learnableTemperature;
    }

    /**
     * {@inheritDoc}
     *
     * @return the loss, a scalar in z's data type
     * @throws IllegalArgumentException on a count, shape or label error, naming the input
     * @throws IllegalStateException if the temperature T ≤ 0
     */
    @Override
    public final NDArray evaluate(NDList labels, NDList predictions) {
        ProxyLossInputs in = ProxyLossInputs.of(labels, predictions, learnableTemperature);
        return Precision.downcastScalar(compute(in), predictions.get(0).getDataType());
    }

    /**
     * Reads the inputs as {@link #evaluate} does.
     *
     * @param labels [y]
     * @param predictions [z, v, κ, T]
     * @return the float64 inputs
     */
    protected final ProxyLossInputs inputs(NDList labels, NDList predictions) {
        return ProxyLossInputs.of(labels, predictions, learnableTemperature);
    }

    /**
     * The loss on validated float64 inputs.
     *
     * @param in the inputs
     * @return a float64 scalar
     */
    protected abstract NDArray compute(ProxyLossInputs in);
}
