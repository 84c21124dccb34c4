package org.pdml.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ECE, Brier, reliability bins, the kNN vote and κ deciles on hand-computed cases. */
class CalibrationMetricsTest {
    private static final double[] CONF = {0.1, 0.1, 0.9, 0.95, 1.0, 0.0};
    private static final boolean[] OK = {false, true, true, true, false, false};

    @Test
    void eceWeighsBinGapsByBinMass() {
        // 15 bins: b0 {0.0 ✗}: gap 0; b1 {0.1 ✗, 0.1 ✓}: |0.5 − 0.1|; b13 {0.9 ✓}: 0.1;
        // b14 {0.95 ✓, 1.0 ✗}: |0.5 − 0.975|. ECE = (2·0.4 + 0.1 + 2·0.475)/6.
        assertThat(ExpectedCalibrationError.compute(CONF, OK, 15))
                .isCloseTo((0.8 + 0.1 + 0.95) / 6, within(1e-15));
    }

    @Test
    void reliabilityBinsAreRightClosed() {
        List<ReliabilityBin> bins = ReliabilityDiagram.compute(CONF, OK, 15);
        assertThat(bins).hasSize(15);
        assertThat(bins.get(0).count()).isEqualTo(1);
        assertThat(bins.get(1).count()).isEqualTo(2);
        assertThat(bins.get(1).accuracy()).isEqualTo(0.5);
        assertThat(bins.get(14).meanConfidence()).isCloseTo(0.975, within(1e-15));
        assertThat(bins.get(7).meanConfidence()).isNaN();
        // Edges j/15 belong to the bin below them.
        assertThat(ReliabilityDiagram.binOf(3 / 15.0, 15)).isEqualTo(2);
        assertThat(ReliabilityDiagram.binOf(0.2, 15)).isEqualTo(2);
        assertThat(ReliabilityDiagram.binOf(Math.nextUp(0.2), 15)).isEqualTo(3);
        assertThat(ReliabilityDiagram.binOf(1 / 15.0, 15)).isEqualTo(0);
    }

    @Test
    void brierIsTheMeanSquaredGap() {
        double expected = (0.01 + 0.81 + 0.01 + 0.0025 + 1 + 0) / 6;
        assertThat(BrierScore.compute(CONF, OK)).isCloseTo(expected, within(1e-15));
    }

    @Test
    void confidenceOutsideTheUnitIntervalIsRejected() {
        assertThatThrownBy(() -> BrierScore.compute(new double[] {1.5}, new boolean[] {true}))
                .hasMessageContaining("confidence 0 is 1.5");
    }

    @Test
    void voteTiesGoToTheBestRankedLabel() {
        NeighbourLabels n =
                new NeighbourLabels(
                        new long[] {1, 2, 5},
                        new long[][] {{1, 2, 2, 1}, {3, 2, 2, 1}, {5, 5, 5, 5}},
                        new int[] {2, 2, 4});
        KnnVote v4 = KnnVote.of(n, 4);
        assertThat(v4.predicted()).containsExactly(1, 2, 5);
        assertThat(v4.probability()).containsExactly(0.5, 0.5, 1.0);
        assertThat(v4.correct(n)).containsExactly(true, true, true);
        KnnVote v1 = KnnVote.of(n, 1);
        assertThat(v1.predicted()).containsExactly(1, 3, 5);
        assertThat(v1.probability()).containsExactly(1.0, 1.0, 1.0);
        assertThatThrownBy(() -> KnnVote.of(n, 5)).hasMessageContaining("only 4");
    }

    @Test
    void decilesSplitByConfidenceRank() {
        double[] conf = new double[20];
        boolean[] ok = new boolean[20];
        for (int i = 0; i < 20; i++) {
            conf[19 - i] = i; // reversed order: sorting must happen
            ok[19 - i] = i >= 10;
        }
        assertThat(DecileAccuracy.compute(conf, ok, 10))
                .containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1, 1);
        double[] small =
                DecileAccuracy.compute(
                        new double[] {1, 2, 3, 4, 5},
                        new boolean[] {true, false, true, false, true},
                        10);
        assertThat(small[0]).isNaN();
        assertThat(small[1]).isEqualTo(1.0);
        assertThat(small[3]).isEqualTo(0.0);
    }
}
