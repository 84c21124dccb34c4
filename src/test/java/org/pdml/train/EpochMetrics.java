package org.pdml.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@link TrainListener} for tests that records each epoch's validation metrics, in order. */
final class EpochMetrics implements TrainListener {
    private final List<Map<String, Double>> epochs = new ArrayList<>();

    @Override
    public void onEpoch(int epoch, Map<String, Double> metrics) {
        epochs.add(metrics);
    }

    /**
     * @return the metrics of every epoch seen so far, first epoch first (a live view)
     */
    List<Map<String, Double>> epochs() {
        return epochs;
    }
}
