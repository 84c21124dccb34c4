package org.pdml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressSnapshotTest {

    @Test
    void rateAndEtaFollowFromDoneEntriesAndElapsedTime() {
        // 240 encoded + 10 rejected = 250 done in 5 s: 50/s; 750 left: 15 s.
        ProgressSnapshot s = new ProgressSnapshot(1000, 300, 240, 10, 5.0);
        assertThat(s.done()).isEqualTo(250);
        assertThat(s.rate()).isEqualTo(50.0);
        assertThat(s.etaSeconds()).hasValue(15.0);
        assertThat(s.line())
                .isEqualTo(
                        "  ... 250/1000 done (25%): read 300, encoded 240, rejected 10;"
                                + " 50.0 entries/s, ETA 0:15");
    }

    @Test
    void noRateYetMeansNoEta() {
        ProgressSnapshot s = new ProgressSnapshot(3822, 0, 0, 0, 4.0);
        assertThat(s.rate()).isZero();
        assertThat(s.etaSeconds()).isEmpty();
        assertThat(s.line()).endsWith("0.0 entries/s, ETA ?").contains("0/3822 done (0%)");
        assertThat(new ProgressSnapshot(10, 1, 1, 0, 0).rate()).isZero();
    }

    @Test
    void finishedRunsShowAHundredPercentAndNoTimeLeft() {
        ProgressSnapshot s = new ProgressSnapshot(8, 8, 6, 2, 2.0);
        assertThat(s.etaSeconds()).hasValue(0.0);
        assertThat(s.line()).contains("8/8 done (100%)").endsWith("ETA 0:00");
        assertThat(new ProgressSnapshot(0, 0, 0, 0, 1).line()).contains("(100%)");
    }

    @Test
    void clockRoundsUpToWholeSecondsAndShowsHoursFromOneHourOn() {
        assertThat(ProgressSnapshot.clock(0.2)).isEqualTo("0:01");
        assertThat(ProgressSnapshot.clock(59.0)).isEqualTo("0:59");
        assertThat(ProgressSnapshot.clock(61.5)).isEqualTo("1:02");
        assertThat(ProgressSnapshot.clock(3599)).isEqualTo("59:59");
        // 3725.2 s -> 3726 s = 1 h 2 min 6 s.
        assertThat(ProgressSnapshot.clock(3725.2)).isEqualTo("1:02:06");
    }
}
