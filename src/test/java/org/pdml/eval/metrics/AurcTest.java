package org.pdml.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The risk–coverage curve and AURC against hand-computed values. */
class AurcTest {

    /**
     * Ranked by κ: 0.9 ✓, 0.8 ✗, 0.7 ✓, 0.6 ✓, 0.5 ✗ (given to the method shuffled).
     *
     * <pre>
     * i  errors in top-i  risk(top-i)
     * 1  0                0/1 = 0
     * 2  1                1/2
     * 3  1                1/3
     * 4  1                1/4
     * 5  2                2/5
     * AURC = (0 + 1/2 + 1/3 + 1/4 + 2/5) / 5 = ((0 + 30 + 20 + 15 + 24)/60) / 5 = 89/300
     * </pre>
     */
    @Test
    void aurcIsTheMeanErrorRateOfTheTopIByHand() {
        double[] kappa = {0.6, 0.9, 0.5, 0.8, 0.7};
        boolean[] correct = {true, true, false, false, true};
        assertThat(Aurc.riskCurve(kappa, correct))
                .containsExactly(
                        new double[] {0, 1.0 / 2, 1.0 / 3, 1.0 / 4, 2.0 / 5}, within(1e-15));
        assertThat(Aurc.compute(kappa, correct)).isCloseTo(89.0 / 300, within(1e-15));
    }

    /**
     * κ = 3 ✓, then a tie block κ = 2 holding one ✓ and one ✗, then κ = 1 ✗. Before the block: s =
     * 1 query, E = 0 errors; the block has b = 2, e = 1, so each of its queries adds e/b = 1/2
     * expected error.
     *
     * <pre>
     * i  risk(top-i)
     * 1  0/1                     = 0
     * 2  (0 + 1·1/2)/2           = 1/4   (inside the tie: expectation over its two orders, 0/2 and 1/2)
     * 3  (0 + 2·1/2)/3           = 1/3   (end of block: the error rate of {κ ≥ 2})
     * 4  2/4                     = 1/2
     * AURC = (0 + 1/4 + 1/3 + 1/2) / 4 = (13/12) / 4 = 13/48
     * </pre>
     *
     * Breaking the tie by index instead would give 0 or 1/2 at i = 2 (AURC 5/24 or 1/3) depending
     * on the input order; the rule above gives 13/48 for both orders.
     */
    @Test
    void tiesCountTheirExpectedErrorSoTheInputOrderDoesNotMatter() {
        double[] kappa = {3, 2, 2, 1};
        double[] risk = {0, 1.0 / 4, 1.0 / 3, 1.0 / 2};
        boolean[] correctFirst = {true, true, false, false};
        boolean[] wrongFirst = {true, false, true, false};
        for (boolean[] correct : new boolean[][] {correctFirst, wrongFirst}) {
            assertThat(Aurc.riskCurve(kappa, correct)).containsExactly(risk, within(1e-15));
            assertThat(Aurc.compute(kappa, correct)).isCloseTo(13.0 / 48, within(1e-15));
        }
    }

    /** All four tied, one wrong: every risk(top-i) = (i·1/4)/i = 1/4, so AURC = the error rate. */
    @Test
    void aConstantConfidenceGivesTheErrorRate() {
        double[] kappa = {7, 7, 7, 7};
        boolean[] correct = {true, false, true, true};
        assertThat(Aurc.riskCurve(kappa, correct)).containsOnly(0.25);
        assertThat(Aurc.compute(kappa, correct)).isEqualTo(0.25);
    }

    @Test
    void rejectsMismatchedLengthsNanAndNoQueries() {
        assertThatThrownBy(() -> Aurc.compute(new double[] {1, 2}, new boolean[] {true}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("differ");
        assertThatThrownBy(() -> Aurc.compute(new double[] {Double.NaN}, new boolean[] {true}))
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> Aurc.compute(new double[0], new boolean[0]))
                .hasMessageContaining("at least one");
    }
}
