package org.pdml.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** AUROC as the fraction of correctly ordered (positive, negative) pairs, ties counting ½. */
class AurocTest {

    @Test
    void countsOrderedPairs() {
        // Pairs (pos, neg): (0.35, 0.1) ok, (0.35, 0.4) wrong, (0.8, ·) ok twice → 3/4.
        double auc =
                Auroc.compute(
                        new double[] {0.1, 0.4, 0.35, 0.8},
                        new boolean[] {false, false, true, true});
        assertThat(auc).isCloseTo(0.75, within(1e-15));
    }

    @Test
    void tiesCountHalf() {
        // (0.5+, 0.5−) twice → ½ each; (0.9+, 0.5−) twice → 1 each: (0.5+0.5+1+1)/4.
        double auc =
                Auroc.compute(
                        new double[] {0.5, 0.5, 0.5, 0.9},
                        new boolean[] {false, true, false, true});
        assertThat(auc).isCloseTo(0.75, within(1e-15));
        assertThat(Auroc.compute(new double[] {3, 3, 3}, new boolean[] {true, false, true}))
                .isCloseTo(0.5, within(1e-15));
    }

    @Test
    void perfectAndInvertedRankings() {
        boolean[] y = {false, false, true, true, true};
        assertThat(Auroc.compute(new double[] {1, 2, 3, 4, 5}, y)).isEqualTo(1.0);
        assertThat(Auroc.compute(new double[] {5, 4, 3, 2, 1}, y)).isEqualTo(0.0);
    }

    @Test
    void undefinedWithOneClassAndRejectsNan() {
        assertThat(Auroc.compute(new double[] {1, 2}, new boolean[] {true, true})).isNaN();
        assertThatThrownBy(() -> Auroc.compute(new double[] {Double.NaN}, new boolean[] {true}))
                .hasMessageContaining("score 0 is NaN");
    }

    @Test
    void averageRanksShareTheMeanRank() {
        assertThat(Auroc.averageRanks(new double[] {2, 1, 2, 3})).containsExactly(2.5, 1, 2.5, 4);
    }
}
