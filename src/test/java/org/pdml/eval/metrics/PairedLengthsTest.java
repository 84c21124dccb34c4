package org.pdml.eval.metrics;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The shared length check keeps each caller's names and both lengths in its message. */
class PairedLengthsTest {

    @Test
    void contingencyTableNamesLabelsAndClusters() {
        assertThatThrownBy(() -> ContingencyTable.of(new long[] {1, 2}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels (2) and clusters (1) must be equally long and non-empty");
        assertThatThrownBy(() -> ContingencyTable.of(new long[0], new int[0]))
                .hasMessage("labels (0) and clusters (0) must be equally long and non-empty");
    }

    @Test
    void reliabilityDiagramNamesConfidencesAndOutcomes() {
        assertThatThrownBy(() -> ReliabilityDiagram.compute(new double[] {0.5}, new boolean[0], 15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confidences (1) and outcomes (0) must be equally long and non-empty");
    }
}
