package org.pdml.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Fitting the abstain threshold by hand. Calibration queries by κ (given shuffled):
 *
 * <pre>
 * t (κ ≥ t)  newly accepted  accepted  correct  P(t)
 * 9          ✓               1         1        1
 * 8          ✓               2         2        1
 * 7          ✗               3         2        2/3
 * 6          ✓               4         3        3/4
 * 5          ✓ ✗ (a tie)     6         4        2/3
 * 4          ✗               7         4        4/7 ≈ 0.571
 * 3          ✓               8         5        5/8 = 0.625
 * </pre>
 */
class AbstainThresholdTest {
    private static final double[] KAPPA = {5, 9, 4, 7, 3, 6, 8, 5};
    private static final boolean[] CORRECT = {false, true, false, false, true, true, true, true};

    @Test
    void picksTheSmallestThresholdMeetingTheTarget() {
        // P ≥ 0.75 at t = 9, 8, 6; smallest 6 (t = 7 misses: P is not monotone).
        check(AbstainThreshold.fit(KAPPA, CORRECT, 0.75), 6, 0.75, 4);
        // P ≥ 0.6 at 9, 8, 7, 6, 5 and 3 (4 misses): the smallest, 3, answers all.
        check(AbstainThreshold.fit(KAPPA, CORRECT, 0.6), 3, 0.625, 8);
        // P ≥ 0.65 at 9, 8, 7, 6, 5: the tie block at 5 is accepted whole (6 queries).
        check(AbstainThreshold.fit(KAPPA, CORRECT, 0.65), 5, 4.0 / 6, 6);
        check(AbstainThreshold.fit(KAPPA, CORRECT, 1.0), 8, 1.0, 2);
    }

    @Test
    void acceptsKappaAtOrAboveTheThreshold() {
        AbstainThreshold t = AbstainThreshold.fit(KAPPA, CORRECT, 0.75);
        assertThat(t.coverage()).isEqualTo(0.5);
        assertThat(t.accepts(6)).isTrue();
        assertThat(t.accepts(Math.nextDown(6.0))).isFalse();
    }

    /** The fitted t = 6 on other queries: κ 7 ✓, 6 ✗, 2 ✓ accepts the first two, R@1 1/2. */
    @Test
    void appliesTheThresholdToHeldOutQueries() {
        AbstainThreshold t = AbstainThreshold.fit(KAPPA, CORRECT, 0.75);
        AbstainThreshold held =
                t.applyTo(new double[] {7, 6, 2}, new boolean[] {true, false, true});
        assertThat(held.threshold()).isEqualTo(6);
        assertThat(held.precision()).isEqualTo(0.5);
        assertThat(held.accepted()).isEqualTo(2);
        assertThat(held.total()).isEqualTo(3);
        assertThat(t.applyTo(new double[] {1}, new boolean[] {true}).precision()).isNaN();
    }

    /** κ 3 ✗, 2 ✓, 1 ✗: P = 0, 1/2, 1/3, so 0.9 cannot be met; the best is 1/2 at κ ≥ 2. */
    @Test
    void anUnreachableTargetSaysWhatIsReachable() {
        assertThatThrownBy(
                        () ->
                                AbstainThreshold.fit(
                                        new double[] {3, 2, 1},
                                        new boolean[] {false, true, false},
                                        0.9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target precision 0.9 is unreachable")
                .hasMessageContaining("3 calibration queries is 0.5000 (κ >= 2.0, 2 answered)");
    }

    @Test
    void rejectsATargetOutsideZeroToOne() {
        for (double bad : new double[] {0, -0.1, 1.01, Double.NaN}) {
            assertThatThrownBy(() -> AbstainThreshold.fit(KAPPA, CORRECT, bad))
                    .hasMessageContaining("(0, 1]");
        }
    }

    private static void check(AbstainThreshold t, double threshold, double p, int accepted) {
        assertThat(t.threshold()).isEqualTo(threshold);
        assertThat(t.precision()).isEqualTo(p);
        assertThat(t.accepted()).isEqualTo(accepted);
        assertThat(t.total()).isEqualTo(8);
    }
}
