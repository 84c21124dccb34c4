package org.pdml.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** docs/method.md §5 oracle 4: log PPK at D = 128, κ = 10 for both vMFs. */
class LogPpkTest {

    private static double ppk(LogNormaliser n, double rho, boolean orthogonal) {
        try (NDManager m = NDManager.newBaseManager()) {
            double[][] muI = new double[1][128];
            double[][] muC = new double[1][128];
            muI[0][0] = 1;
            muC[0][orthogonal ? 1 : 0] = 1;
            NDArray ten = m.create(new double[] {10});
            return LogPpk.of(ten, m.create(muI), ten, m.create(muC), rho, n).getDouble(0, 0);
        }
    }

    @Test
    void oracle4ElkSameDirectionFit() {
        assertThat(ppk(LogNormaliser.paperApprox(), 1, false)).isCloseTo(127.671, within(1e-6));
    }

    @Test
    void oracle4ElkOrthogonalFit() {
        assertThat(ppk(LogNormaliser.paperApprox(), 1, true)).isCloseTo(126.888173, within(1e-6));
    }

    @Test
    void oracle4BhattacharyyaIdenticalIsZeroFit() {
        assertThat(ppk(LogNormaliser.paperApprox(), 0.5, false)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void oracle4BhattacharyyaOrthogonalFit() {
        assertThat(ppk(LogNormaliser.paperApprox(), 0.5, true)).isCloseTo(-0.223663, within(1e-6));
    }

    @Test
    void oracle4ElkSameDirectionExact() {
        assertThat(ppk(LogNormaliser.exact(), 1, false)).isCloseTo(127.818824, within(1e-6));
    }

    @Test
    void oracle4ElkOrthogonalExact() {
        assertThat(ppk(LogNormaliser.exact(), 1, true)).isCloseTo(127.051163, within(1e-6));
    }

    @Test
    void oracle4BhattacharyyaIdenticalIsZeroExact() {
        assertThat(ppk(LogNormaliser.exact(), 0.5, false)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void oracle4BhattacharyyaOrthogonalExact() {
        assertThat(ppk(LogNormaliser.exact(), 0.5, true)).isCloseTo(-0.194440, within(1e-6));
    }
}
