package org.pdml.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Recall@k, P@1, RP and MAP@R on a hand-computed case.
 *
 * <pre>
 * q  y  neighbours  R_q  R@1 R@2  RP    AP@R
 * 0  0  1 0 0 2     2    0   1    1/2   (0 + 1/2)/2 = 1/4
 * 1  1  1 1 0 0     3    1   1    2/3   (1 + 1 + 0)/3 = 2/3
 * 2  2  0 0 1 1     0    excluded (class of size 1)
 * 3  0  0 2 0 1     2    1   1    1/2   (1 + 0)/2 = 1/2
 * </pre>
 */
class RetrievalMetricsTest {
    private static final NeighbourLabels CASE =
            new NeighbourLabels(
                    new long[] {0, 1, 2, 0},
                    new long[][] {{1, 0, 0, 2}, {1, 1, 0, 0}, {0, 0, 1, 1}, {0, 2, 0, 1}},
                    new int[] {2, 3, 0, 2});

    @Test
    void excludesQueriesWithoutSameLabelReferencesAndCountsThem() {
        assertThat(CASE.excludedCount()).isEqualTo(1);
        assertThat(CASE.evaluatedCount()).isEqualTo(3);
        assertThat(CASE.maxRelevant()).isEqualTo(3);
    }

    @Test
    void recallAtKIsAHitAmongTheKNearest() {
        assertThat(RecallAtK.compute(CASE, 1)).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(RecallAtK.compute(CASE, 2)).isEqualTo(1.0);
        // k = 4 exceeds the size of class 0 (R = 2): still a plain hit test.
        assertThat(RecallAtK.compute(CASE, 4)).isEqualTo(1.0);
    }

    @Test
    void precisionAtOneEqualsRecallAtOne() {
        assertThat(PrecisionAtOne.compute(CASE)).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(PrecisionAtOne.correct(CASE)).containsExactly(false, true, false, true);
    }

    @Test
    void rPrecisionAveragesHitsInTheFirstRq() {
        assertThat(RPrecision.compute(CASE)).isCloseTo((0.5 + 2.0 / 3 + 0.5) / 3, within(1e-15));
    }

    @Test
    void mapAtRAveragesPrecisionAtHits() {
        assertThat(MapAtR.compute(CASE)).isCloseTo((0.25 + 2.0 / 3 + 0.5) / 3, within(1e-15));
    }

    @Test
    void mapAtRFailsWhenKIsBelowTheLargestRq() {
        NeighbourLabels shallow =
                new NeighbourLabels(
                        new long[] {0, 1}, new long[][] {{0, 1}, {1, 1}}, new int[] {1, 3});
        assertThatThrownBy(() -> MapAtR.compute(shallow))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k >= 3")
                .hasMessageContaining("only 2");
        assertThatThrownBy(() -> RPrecision.compute(shallow)).hasMessageContaining("k >= 3");
        assertThatThrownBy(() -> RecallAtK.compute(shallow, 3)).hasMessageContaining("only 2");
    }

    @Test
    void allQueriesExcludedIsAnError() {
        NeighbourLabels lone =
                new NeighbourLabels(new long[] {0, 1}, new long[][] {{1}, {0}}, new int[] {0, 0});
        assertThatThrownBy(() -> RecallAtK.compute(lone, 1)).hasMessageContaining("R_q = 0");
    }

    @Test
    void relevantCountsSubtractTheQueryOnlyWhenItIsInTheGallery() {
        long[] labels = {0, 0, 1, 2, 0};
        assertThat(NeighbourLabels.relevantCounts(labels, labels, new int[] {0, 1, 2, 3, 4}))
                .containsExactly(2, 2, 0, 0, 2);
        assertThat(NeighbourLabels.relevantCounts(new long[] {0, 3}, labels, new int[] {-1, -1}))
                .containsExactly(3, 0);
    }

    @Test
    void raggedRowsAreRejected() {
        assertThatThrownBy(
                        () ->
                                new NeighbourLabels(
                                        new long[] {0, 1},
                                        new long[][] {{0, 1}, {1}},
                                        new int[] {1, 1}))
                .hasMessageContaining("row 1");
    }
}
