package org.pdml.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The temperature-scaled kNN vote against closed forms. */
class SoftVoteTest {

    /** One grid step of the temperature fit, as a factor: 10^(1/20). */
    private static final double GRID_STEP = Math.pow(10, 1.0 / 20);

    /**
     * Labels 7, 3, 7, 5 at similarities 0.9, 0.8, 0.5, 0.1 and τ = 0.1: weights e⁰, e⁻¹, e⁻⁴, e⁻⁸,
     * so c = (1 + e⁻⁴) / (1 + e⁻¹ + e⁻⁴ + e⁻⁸); with k = 2 it is 1 / (1 + e⁻¹), and as τ grows it
     * tends to the plain share 2/4. The gaps are taken between the float32 similarities in double,
     * as the scores are stored.
     */
    @Test
    void confidenceIsTheSoftMassOfTheTopLabelByHand() {
        NeighbourLabels n =
                new NeighbourLabels(new long[] {7}, new long[][] {{7, 3, 7, 5}}, new int[] {2});
        float[] s = {0.9f, 0.8f, 0.5f, 0.1f};
        double e1 = Math.exp(((double) 0.8f - 0.9f) / 0.1);
        double e4 = Math.exp(((double) 0.5f - 0.9f) / 0.1);
        double e8 = Math.exp(((double) 0.1f - 0.9f) / 0.1);
        assertThat(SoftVote.confidence(n, s, 4, 0.1, 0))
                .isCloseTo((1 + e4) / (1 + e1 + e4 + e8), within(1e-12));
        assertThat(SoftVote.confidence(n, s, 2, 0.1, 0)).isCloseTo(1 / (1 + e1), within(1e-12));
        assertThat(SoftVote.confidence(n, s, 4, 1e6, 0)).isCloseTo(0.5, within(1e-5));
    }

    /**
     * Every query has two neighbours of different labels at a gap d = 0.3, so c = σ(d/τ). With a
     * fraction p = 0.7 of top-1 answers correct, the cross-entropy is least at c = p, i.e. τ* = d /
     * logit(p) = 0.3 / ln(7/3); the grid minimiser is one of the two grid points around it.
     */
    @Test
    void fittedTemperatureMeetsTheClosedFormOptimumWithinOneGridStep() {
        NeighbourLabels n = twoLabelQueries(10);
        float[] s = gapScores(10, 0.3f);
        boolean[] correct = new boolean[10];
        for (int q = 0; q < 7; q++) {
            correct[q] = true;
        }
        double tau = SoftVote.fitTemperature(n, s, 2, IntStream.range(0, 10).toArray(), correct);
        double optimum = (0.5f - 0.2f) / Math.log(7.0 / 3);
        assertThat(tau / optimum).isBetween(1 / GRID_STEP, GRID_STEP);
    }

    /**
     * Even positions are 9/10 correct, odd ones 6/10: each fold is scored with the τ of the other,
     * so the even rows get c ≈ 0.6 and the odd rows c ≈ 0.9 (one grid step moves logit(c) by at
     * most 12 %, hence the tolerances).
     */
    @Test
    void crossFittedConfidencesUseTheOtherFoldsTemperature() {
        NeighbourLabels n = twoLabelQueries(40);
        float[] s = gapScores(40, 0.3f);
        boolean[] correct = new boolean[40];
        for (int i = 0; i < 10; i++) {
            correct[2 * i] = i < 9;
            correct[2 * i + 1] = i < 6;
        }
        int[] rows = IntStream.range(0, 20).toArray();
        double[] c = SoftVote.crossFitted(n, s, 2, rows, correct);
        for (int i = 0; i < 20; i++) {
            assertThat(c[i])
                    .as("row %d", i)
                    .isCloseTo(i % 2 == 0 ? 0.6 : 0.9, within(i % 2 == 0 ? 0.015 : 0.025));
        }
    }

    @Test
    void badInputsSayWhatIsWrong() {
        NeighbourLabels n = twoLabelQueries(2);
        float[] s = gapScores(2, 0.1f);
        boolean[] correct = {true, false};
        assertThatThrownBy(() -> SoftVote.fitTemperature(n, s, 2, new int[0], correct))
                .hasMessageContaining("no query");
        assertThatThrownBy(() -> SoftVote.fitTemperature(n, s, 3, new int[] {0, 1}, correct))
                .hasMessageContaining("soft vote with k = 3");
        assertThatThrownBy(() -> SoftVote.crossFitted(n, s, 2, new int[] {0}, correct))
                .hasMessageContaining("at least 2 queries");
    }

    private static NeighbourLabels twoLabelQueries(int q) {
        long[][] nb = new long[q][];
        for (int i = 0; i < q; i++) {
            nb[i] = new long[] {1, 2};
        }
        return new NeighbourLabels(new long[q], nb, new int[q]);
    }

    private static float[] gapScores(int q, float gap) {
        float[] s = new float[2 * q];
        for (int i = 0; i < q; i++) {
            s[2 * i] = 0.5f;
            s[2 * i + 1] = 0.5f - gap;
        }
        return s;
    }
}
