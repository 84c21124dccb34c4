package org.pdml.train;

import java.util.List;

/** The batches of an epoch: a pure function of the epoch number (and the run's seed). */
@FunctionalInterface
public interface EpochPlan {
    /**
     * Returns the record indices of each batch of an epoch.
     *
     * @param epoch 1-based epoch
     * @return ⌊N/B⌋ batches of B record indices
     */
    List<int[]> batches(int epoch);
}
