package org.pdml.train;

import java.util.Map;

/** Side effects of training (tracking, logging) hang off these callbacks, never off the loop. */
public interface TrainListener {
    /**
     * Called once before the first step, with the device training runs on.
     *
     * @param device the chosen device
     */
    default void onDevice(ai.djl.Device device) {}

    /**
     * Called after each optimisation step.
     *
     * @param step global step, 1-based (steps done)
     * @param loss the step's loss
     * @param learningRates current learning rate per parameter group
     */
    default void onStep(long step, double loss, Map<String, Double> learningRates) {}

    /**
     * Called after each epoch's validation.
     *
     * @param epoch 1-based epoch
     * @param metrics validation metrics (empty without a validation split) and the mean loss
     */
    default void onEpoch(int epoch, Map<String, Double> metrics) {}

    /** A listener that does nothing. */
    TrainListener NONE = new TrainListener() {};
}
