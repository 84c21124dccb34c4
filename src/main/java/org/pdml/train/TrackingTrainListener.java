package org.pdml.train;

import java.util.Map;
import org.pdml.tracking.RunTracker;

/**
 * Feeds training progress to a {@link RunTracker}: the loss and each group's learning rate per step
 * ({@code loss}, {@code lr.<group>}), the validation metrics per epoch (step = epoch).
 */
public final class TrackingTrainListener implements TrainListener {
    private final RunTracker tracker;

    /**
     * Creates the listener.
     *
     * @param tracker the train stage's run
     */
    public TrackingTrainListener(RunTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public void onStep(long step, double loss, Map<String, Double> learningRates) {
        tracker.logMetric("loss", loss, step);
        learningRates.forEach((group, lr) -> tracker.logMetric("lr." + group, lr, step));
    }

    @Override
    public void onEpoch(int epoch, Map<String, Double> metrics) {
        tracker.logMetrics(metrics, epoch);
    }
}
