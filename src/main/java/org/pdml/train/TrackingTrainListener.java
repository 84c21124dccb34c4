package org.pdml.train;

import ai.djl.Device;
import java.util.Map;
import java.util.OptionalInt;
import org.pdml.tracking.RunTracker;
import org.pdml.tracking.SystemMetrics;

/**
 * Feeds training progress to a {@link RunTracker}: the loss and each group's learning rate per step
 * ({@code loss}, {@code lr.<group>}), the validation metrics per epoch (step = epoch), and the
 * host's {@link SystemMetrics} per epoch (CPU, memory and, on a GPU, its utilisation), averaged
 * over the epoch where they can be.
 */
public final class TrackingTrainListener implements TrainListener {
    private final RunTracker tracker;
    private SystemMetrics system = new SystemMetrics(OptionalInt.empty());

    /**
     * Creates the listener.
     *
     * @param tracker the train stage's run
     */
    public TrackingTrainListener(RunTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public void onDevice(Device device) {
        system =
                new SystemMetrics(
                        device.isGpu()
                                ? OptionalInt.of(device.getDeviceId())
                                : OptionalInt.empty());
    }

    @Override
    public void onStep(long step, double loss, Map<String, Double> learningRates) {
        tracker.logMetric("loss", loss, step);
        learningRates.forEach((group, lr) -> tracker.logMetric("lr." + group, lr, step));
    }

    @Override
    public void onEpoch(int epoch, Map<String, Double> metrics) {
        tracker.logMetrics(metrics, epoch);
        tracker.logMetrics(system.sample(), epoch);
    }
}
