package org.pdml.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Pairwise clustering F1 on partitions whose pairs are counted by hand. */
class ClusteringF1Test {

    @Test
    void identicalPartitionsUpToRenamingGiveOne() {
        assertThat(ClusteringF1.compute(new long[] {0, 0, 1, 1, 2}, new int[] {7, 7, 3, 3, 5}))
                .isEqualTo(1.0);
    }

    @Test
    void unevenPartitionMatchesTheHandCountedPairs() {
        // labels {0,1,2 | 3,4 | 5}, clusters {0,1 | 2,3,4 | 5}.
        // Same-label pairs: (0,1) (0,2) (1,2) (3,4) = 4. Same-cluster pairs: (0,1) (2,3) (2,4)
        // (3,4) = 4. Both: (0,1) (3,4) = 2. P = 2/4, R = 2/4, F1 = 0.5.
        long[] labels = {0, 0, 0, 1, 1, 2};
        int[] clusters = {0, 0, 1, 1, 1, 2};
        assertThat(ClusteringF1.compute(labels, clusters)).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void precisionAndRecallDifferAndF1IsTheirHarmonicMean() {
        // One cluster over labels {0,0,1}: same-cluster pairs 3, same-label pairs 1, both 1.
        // P = 1/3, R = 1, F1 = 2·(1/3)·1 / (4/3) = 0.5.
        assertThat(ClusteringF1.compute(new long[] {0, 0, 1}, new int[] {4, 4, 4}))
                .isCloseTo(0.5, within(1e-15));
        // Singleton clusters over labels {0,0,1}: no predicted pair, so P is empty and F1 = 0.
        assertThat(ClusteringF1.compute(new long[] {0, 0, 1}, new int[] {0, 1, 2})).isZero();
    }

    @Test
    void allSingletonsOnBothSidesIsPerfectAgreement() {
        assertThat(ClusteringF1.compute(new long[] {1, 2, 3}, new int[] {0, 1, 2})).isEqualTo(1.0);
    }

    @Test
    void duplicatesOfAClassSplitOverTwoClustersLoseRecallOnly() {
        // labels all 0 (4 items), clusters {0,0 | 1,1}: same-label pairs 6, same-cluster 2, both
        // 2. P = 1, R = 1/3, F1 = 2·(1/3) / (4/3) = 0.5.
        assertThat(ClusteringF1.compute(new long[] {0, 0, 0, 0}, new int[] {0, 0, 1, 1}))
                .isCloseTo(0.5, within(1e-15));
    }
}
