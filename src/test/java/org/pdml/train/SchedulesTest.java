package org.pdml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/** Schedules against torch's MultiStepLR and CosineAnnealingLR formulas. */
class SchedulesTest {

    @Test
    void multiStepMultipliesAtEachMilestone() {
        Tracker lr = Schedules.multiStep(1f, new int[] {2, 5}, 0.1f);
        assertThat(new float[] {lr.getNewValue(0), lr.getNewValue(1), lr.getNewValue(2)})
                .containsExactly(new float[] {1f, 1f, 0.1f}, within(1e-7f));
        assertThat(lr.getNewValue(4)).isCloseTo(0.1f, within(1e-7f));
        assertThat(lr.getNewValue(5)).isCloseTo(0.01f, within(1e-8f));
        assertThatThrownBy(() -> Schedules.multiStep(1f, new int[] {3, 3}, 0.1f))
                .hasMessageContaining("[3, 3]");
    }

    @Test
    void cosineAnnealsToMinimumAndStays() {
        Tracker lr = Schedules.cosine(1f, 4, 0.1f);
        assertThat(lr.getNewValue(0)).isCloseTo(1f, within(1e-7f));
        assertThat(lr.getNewValue(1))
                .isCloseTo((float) (0.1 + 0.9 * (1 + Math.cos(Math.PI / 4)) / 2), within(1e-7f));
        assertThat(lr.getNewValue(2)).isCloseTo(0.55f, within(1e-7f));
        assertThat(lr.getNewValue(4)).isCloseTo(0.1f, within(1e-7f));
        assertThat(lr.getNewValue(9)).isCloseTo(0.1f, within(1e-7f));
    }
}
