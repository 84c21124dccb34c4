package org.pdml.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** NMI with arithmetic normalisation on contingency tables computed by hand. */
class NmiTest {

    @Test
    void identicalPartitionsUpToRenamingGiveOne() {
        assertThat(Nmi.compute(new long[] {0, 0, 1, 1, 2}, new int[] {7, 7, 3, 3, 5}))
                .isCloseTo(1.0, within(1e-15));
    }

    @Test
    void independentPartitionsGiveZero() {
        assertThat(Nmi.compute(new long[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}))
                .isCloseTo(0.0, within(1e-15));
    }

    @Test
    void unevenTableMatchesTheClosedForm() {
        // n = [[2, 0], [1, 1]], a = (2, 2), b = (3, 1), N = 4.
        double mi = 0.5 * Math.log(4.0 / 3) + 0.25 * Math.log(2.0 / 3) + 0.25 * Math.log(2);
        double hy = Math.log(2);
        double hc = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
        double nmi = Nmi.compute(new long[] {0, 0, 1, 1}, new int[] {0, 0, 0, 1});
        assertThat(nmi).isCloseTo(mi / ((hy + hc) / 2), within(1e-15));
        // scikit-learn 1.6.1 normalized_mutual_info_score([0,0,1,1],[0,0,0,1]).
        assertThat(nmi).isCloseTo(0.3437110184854508, within(1e-12));
    }

    @Test
    void singleClassAndSingleClusterIsPerfectAgreement() {
        assertThat(Nmi.compute(new long[] {4, 4, 4}, new int[] {1, 1, 1})).isEqualTo(1.0);
        assertThat(Nmi.compute(new long[] {4, 4, 5}, new int[] {1, 1, 1})).isEqualTo(0.0);
    }

    @Test
    void contingencyTableHoldsCountsAndMarginals() {
        ContingencyTable t = ContingencyTable.of(new long[] {5, 5, 9}, new int[] {0, 1, 1});
        assertThat(t.total()).isEqualTo(3);
        assertThat(t.count(0, 1)).isEqualTo(1);
        assertThat(t.classSize(0)).isEqualTo(2);
        assertThat(t.clusterSize(1)).isEqualTo(2);
    }
}
