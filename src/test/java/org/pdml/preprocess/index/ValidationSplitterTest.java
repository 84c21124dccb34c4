package org.pdml.preprocess.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pdml.provenance.Seeds;

class ValidationSplitterTest {

    /** 20 train classes (labels 0-19) and 10 test classes (20-29), 3 images each. */
    private static List<IndexEntry> index() {
        List<IndexEntry> out = new ArrayList<>();
        for (int label = 0; label < 30; label++) {
            for (int k = 0; k < 3; k++) {
                Split s = label < 20 ? Split.TRAIN : Split.TEST;
                String id = label + "-" + k;
                out.add(new IndexEntry(id, id + ".png", label, "c" + label, s, Role.ALL));
            }
        }
        return out;
    }

    private static Set<Integer> labels(List<IndexEntry> idx, Split s) {
        return idx.stream()
                .filter(e -> e.split() == s)
                .map(IndexEntry::label)
                .collect(Collectors.toSet());
    }

    @Test
    void carvesWholeTrainingClasses() {
        List<IndexEntry> out = ValidationSplitter.carve(index(), 0.25, new Seeds(7));
        Set<Integer> val = labels(out, Split.VAL);
        assertThat(val).hasSize(5).allSatisfy(l -> assertThat(l).isBetween(0, 19));
        assertThat(labels(out, Split.TRAIN)).hasSize(15).doesNotContainAnyElementsOf(val);
        assertThat(labels(out, Split.TEST)).isEqualTo(labels(index(), Split.TEST));
        assertThat(out.stream().filter(e -> e.split() == Split.VAL)).hasSize(15);
        assertThat(out)
                .extracting(IndexEntry::id)
                .isEqualTo(index().stream().map(IndexEntry::id).toList());
    }

    @Test
    void isDeterministicForASeed() {
        assertThat(ValidationSplitter.carve(index(), 0.25, new Seeds(7)))
                .isEqualTo(ValidationSplitter.carve(index(), 0.25, new Seeds(7)));
        List<Set<Integer>> carves = new ArrayList<>();
        for (long seed = 0; seed < 5; seed++) {
            carves.add(labels(ValidationSplitter.carve(index(), 0.25, new Seeds(seed)), Split.VAL));
        }
        // C(20,5) = 15504 possible carves: five seeds giving one carve would mean the seed is
        // ignored.
        assertThat(Set.copyOf(carves)).hasSizeGreaterThan(1);
    }

    @Test
    void fractionZeroLeavesNone() {
        assertThat(ValidationSplitter.carve(index(), 0, new Seeds(1))).isEqualTo(index());
    }

    @Test
    void smallFractionsTakeAtLeastOneClassAndTrainKeepsOne() {
        assertThat(labels(ValidationSplitter.carve(index(), 0.001, new Seeds(1)), Split.VAL))
                .hasSize(1);
        assertThat(labels(ValidationSplitter.carve(index(), 0.999, new Seeds(1)), Split.TRAIN))
                .hasSize(1);
    }

    @Test
    void rejectsBadFractions() {
        assertThatThrownBy(() -> ValidationSplitter.carve(index(), 1.0, new Seeds(1)))
                .hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> ValidationSplitter.carve(index(), Double.NaN, new Seeds(1)))
                .hasMessageContaining("[0, 1)");
    }
}
