package org.pdml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pdml.config.ConfigLoader;
import org.pdml.config.EvalConfig;
import org.pdml.eval.metrics.NeighbourLabels;
import org.pdml.provenance.Seeds;

/** {@code eval.ece_bins} reaches the ECE and the reliability diagram (issue 20 item 4). */
class CalibrationBinsTest {

    /**
     * Two queries, 12 voters: A (label 0) gets 11 votes for 0 and 1 for 5, so p = 11/12 and right;
     * B (label 1) gets 12 votes for 2, so p = 1 and wrong. With 15 bins they fall in bins 13 and
     * 14: ECE = (|1 − 11/12| + |0 − 1|)/2 = 13/24. With 10 bins both fall in [0.9, 1]: mean
     * confidence 23/24, accuracy 1/2, ECE = |1/2 − 23/24| = 11/24.
     */
    private static CalibrationReport report(int eceBins) {
        long[] a = new long[12];
        a[11] = 5;
        long[] b = new long[12];
        java.util.Arrays.fill(b, 2);
        NeighbourLabels n =
                new NeighbourLabels(new long[] {0, 1}, new long[][] {a, b}, new int[] {11, 1});
        return CalibrationReport.of(n, new float[24], new double[] {3, 4}, 12, eceBins);
    }

    @Test
    void eceAndReliabilityBinsFollowTheBinCount() {
        CalibrationReport fifteen = report(15);
        assertThat(fifteen.ece()).isCloseTo(13.0 / 24, within(1e-12));
        assertThat(fifteen.bins()).hasSize(15);
        CalibrationReport ten = report(10);
        assertThat(ten.ece()).isCloseTo(11.0 / 24, within(1e-12));
        assertThat(ten.bins()).hasSize(10);
    }

    @Test
    void theEvalSectionsBinCountReachesTheMetricsOptions() {
        EvalConfig eval =
                ConfigLoader.load(
                                Path.of("configs", "quickstart.yaml"), List.of("eval.ece_bins=10"))
                        .config()
                        .eval();
        assertThat(EvaluateStage.metricsOptions(eval, new Seeds(0), "m", "test").eceBins())
                .isEqualTo(10);
    }
}
