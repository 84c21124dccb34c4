package org.pdml.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * R@1 and MAP@R of the most confident queries, by hand.
 *
 * <pre>
 * q  y  neighbours  R_q  rel(1)  AP@R                       κ
 * 0  0  0 1 0       2    ✓       (1/1)/2           = 1/2    5
 * 1  1  0 1 1       2    ✗       (1/2)/2           = 1/4    4
 * 2  0  0 0 1       2    ✓       (1/1 + 2/2)/2     = 1      3
 * 3  2  0 1 0       0    excluded (highest κ, but never answered nor counted)   10
 * 4  1  1 0 1       2    ✓       (1/1)/2           = 1/2    2
 * 5  0  1 1 0       2    ✗       0                          1
 * </pre>
 *
 * N = 5 evaluated queries; by κ: q0, q1, q2, q4, q5.
 *
 * <pre>
 * c    answered ⌈c·5/100⌉  queries          R@1   MAP@R
 * 100  5                   q0 q1 q2 q4 q5   3/5   (1/2 + 1/4 + 1 + 1/2 + 0)/5 = 9/20
 * 90   ⌈4.5⌉ = 5           same             3/5   9/20
 * 80   4                   q0 q1 q2 q4      3/4   (1/2 + 1/4 + 1 + 1/2)/4     = 9/16
 * 50   ⌈2.5⌉ = 3           q0 q1 q2         2/3   (1/2 + 1/4 + 1)/3           = 7/12
 * </pre>
 */
class RiskCoverageTest {
    private static final NeighbourLabels CASE =
            new NeighbourLabels(
                    new long[] {0, 1, 0, 2, 1, 0},
                    new long[][] {{0, 1, 0}, {0, 1, 1}, {0, 0, 1}, {0, 1, 0}, {1, 0, 1}, {1, 1, 0}},
                    new int[] {2, 2, 2, 0, 2, 2});

    private static final double[] KAPPA = {5, 4, 3, 10, 2, 1};

    @Test
    void answersTheMostConfidentQueriesByHand() {
        check(RiskCoverage.at(CASE, KAPPA, 100), 5, 3.0 / 5, 9.0 / 20, 1);
        check(RiskCoverage.at(CASE, KAPPA, 90), 5, 3.0 / 5, 9.0 / 20, 1);
        check(RiskCoverage.at(CASE, KAPPA, 80), 4, 3.0 / 4, 9.0 / 16, 2);
        check(RiskCoverage.at(CASE, KAPPA, 50), 3, 2.0 / 3, 7.0 / 12, 3);
    }

    @Test
    void fullCoverageEqualsTheOrdinaryMetrics() {
        RiskCoverage.Point all = RiskCoverage.at(CASE, KAPPA, 100);
        assertThat(all.recallAt1()).isEqualTo(RecallAtK.compute(CASE, 1));
        assertThat(all.mapAtR()).isEqualTo(MapAtR.compute(CASE));
    }

    /**
     * q4 now ties q2 at κ = 3. At 50 % three are answered: q0, q1 and the tied one of lower index,
     * q2 (AP 1), not q4 (AP 1/2), so MAP@R stays 7/12 (q4 would give (1/2 + 1/4 + 1/2)/3 = 5/12).
     */
    @Test
    void equalKappaIsBrokenByLowerQueryIndex() {
        double[] tied = {5, 4, 3, 10, 3, 1};
        check(RiskCoverage.at(CASE, tied, 50), 3, 2.0 / 3, 7.0 / 12, 3);
    }

    @Test
    void answeredIsAnExactCeiling() {
        assertThat(RiskCoverage.answered(90, 5)).isEqualTo(5);
        assertThat(RiskCoverage.answered(50, 5)).isEqualTo(3);
        // 0.7 · 10 is 7.000000000000001 in floating point; the count must still be 7.
        assertThat(RiskCoverage.answered(70, 10)).isEqualTo(7);
        assertThat(RiskCoverage.answered(1, 1)).isEqualTo(1);
        assertThatThrownBy(() -> RiskCoverage.answered(0, 5)).hasMessageContaining("1..100");
        assertThatThrownBy(() -> RiskCoverage.answered(101, 5)).hasMessageContaining("1..100");
    }

    @Test
    void needsOneConfidencePerQuery() {
        assertThatThrownBy(() -> RiskCoverage.at(CASE, new double[] {1, 2}, 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 confidences for 6 queries");
    }

    private static void check(
            RiskCoverage.Point p, int answered, double r1, double map, double minKappa) {
        assertThat(p.answered()).isEqualTo(answered);
        assertThat(p.recallAt1()).isCloseTo(r1, within(1e-15));
        assertThat(p.mapAtR()).isCloseTo(map, within(1e-15));
        assertThat(p.minConfidence()).isEqualTo(minKappa);
    }
}
