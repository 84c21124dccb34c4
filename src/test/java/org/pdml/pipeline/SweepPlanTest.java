package org.pdml.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The grid, the plan of trials and the summary of {@code pdml sweep}, against hand-worked cases.
 */
class SweepPlanTest {

    private static SweepGrid grid(String... specs) {
        List<SweepGrid.Axis> axes = new ArrayList<>();
        for (String s : specs) {
            axes.add(SweepGrid.parseAxis(s));
        }
        return new SweepGrid(axes);
    }

    @Test
    void parsesBothListFormsAndExpandsTheProductLastAxisFastest() {
        SweepGrid g = grid("loss.temperature.init=[0.1, 1,3]", "train.epochs=2,4");
        assertThat(g.axes().get(0).values()).containsExactly("0.1", "1", "3");
        assertThat(g.combinations())
                .containsExactly(
                        Map.of("loss.temperature.init", "0.1", "train.epochs", "2"),
                        Map.of("loss.temperature.init", "0.1", "train.epochs", "4"),
                        Map.of("loss.temperature.init", "1", "train.epochs", "2"),
                        Map.of("loss.temperature.init", "1", "train.epochs", "4"),
                        Map.of("loss.temperature.init", "3", "train.epochs", "2"),
                        Map.of("loss.temperature.init", "3", "train.epochs", "4"));
        assertThat(grid().combinations()).containsExactly(Map.of());
    }

    @Test
    void badAxesAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> SweepGrid.parseAxis("train.epochs"))
                .hasMessageContaining("'train.epochs'");
        assertThatThrownBy(() -> SweepGrid.parseAxis("a=[1,2")).hasMessageContaining("unbalanced");
        assertThatThrownBy(() -> SweepGrid.parseAxis("a=[1,,2]"))
                .hasMessageContaining("empty value");
        assertThatThrownBy(() -> SweepGrid.parseAxis("a=[1,1]")).hasMessageContaining("repeats");
        assertThatThrownBy(() -> grid("a=1", "a=2")).hasMessageContaining("two grid axes");
    }

    @Test
    void randomSearchDrawsDistinctCombinationsReproducibly() {
        SweepGrid g = grid("a=[1,2,3,4,5]", "b=[x,y,z]");
        List<Integer> first = g.sample(6, 42);
        assertThat(first).hasSize(6).isSorted().allMatch(i -> 0 <= i && i < 15);
        assertThat(new HashSet<>(first)).hasSize(6);
        assertThat(g.sample(6, 42)).isEqualTo(first);
        assertThat(g.sample(100, 42)).hasSize(15);
        // different seeds draw different subsets (15 choose 6 = 5005 subsets)
        assertThat(g.sample(6, 43)).isNotEqualTo(first);
    }

    @Test
    void eachCombinationRunsForConsecutiveSeedsOnTheValidationSplit() {
        List<SweepTrial> trials = SweepPlan.trials(grid("a=[1,2]"), OptionalInt.empty(), 3, 10);
        assertThat(trials)
                .extracting(SweepTrial::id)
                .containsExactly(
                        "c000-s10", "c000-s11", "c000-s12", "c001-s10", "c001-s11", "c001-s12");
        assertThat(trials.get(4).runOverrides("out/shards/"))
                .containsExactly("a=2", "data.output=out/shards-s11", "seed=11", "eval.split=val");
        SweepTrial dataTrial =
                SweepPlan.trials(grid("data.image_size=[32,40]"), OptionalInt.empty(), 1, 0).get(1);
        assertThat(dataTrial.runOverrides("gs://b/x")).contains("data.output=gs://b/x-c001-s0");
        assertThat(SweepPlan.trials(grid("a=[1,2,3]"), OptionalInt.of(2), 1, 0)).hasSize(2);
    }

    @Test
    void theGridMayNotVaryWhatTheSweepSets() {
        assertThatThrownBy(() -> SweepPlan.trials(grid("seed=[1,2]"), OptionalInt.empty(), 1, 0))
                .hasMessageContaining("--grid may not vary seed");
        assertThatThrownBy(
                        () ->
                                SweepPlan.trials(
                                        grid("eval.split=[test]"), OptionalInt.empty(), 1, 0))
                .hasMessageContaining("eval.split");
        assertThatThrownBy(() -> SweepPlan.trials(grid("a=1"), OptionalInt.empty(), 0, 0))
                .hasMessageContaining("--seeds");
    }

    @Test
    void summaryGivesMeanAndSampleSdAndTheBestMean() {
        List<SweepTrial> trials = SweepPlan.trials(grid("t=[0.1,1,3]"), OptionalInt.empty(), 3, 0);
        // combination 0: 0.2, 0.4, 0.6 -> mean 0.4, sd sqrt(((.2)^2+0+(.2)^2)/2) = 0.2
        // combination 1: 0.5, 0.5, (seed 2 not finished) -> mean 0.5, sd 0
        // combination 2: 0.45 only -> mean 0.45, sd 0
        Map<String, Double> values =
                Map.of(
                        "c000-s0", 0.2, "c000-s1", 0.4, "c000-s2", 0.6, "c001-s0", 0.5, "c001-s1",
                        0.5, "c002-s0", 0.45);
        SweepSummary s =
                SweepSummary.of(
                        trials,
                        t ->
                                Optional.ofNullable(values.get(t.id()))
                                        .map(v -> Map.of("recall_at_1", v)),
                        "recall_at_1");
        assertThat(s.rows()).hasSize(3);
        assertThat(s.rows().get(0).mean())
                .isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.rows().get(0).sd()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.rows().get(1).values()).containsExactly(0.5, 0.5);
        assertThat(s.rows().get(1).sd()).isZero();
        assertThat(s.winner().orElseThrow().combination()).isEqualTo(1);
        assertThat(s.toMarkdown())
                .contains("| 1 (best) | `t=1` | 2 | 0.5000 ± 0.0000 | 0.5000, 0.5000 |")
                .contains("| 0 | `t=0.1` | 3 | 0.4000 ± 0.2000 | 0.2000, 0.4000, 0.6000 |");
    }

    @Test
    void tiesGoToTheEarlierCombinationAndAMissingMetricIsNamed() {
        List<SweepTrial> trials = SweepPlan.trials(grid("t=[a,b]"), OptionalInt.empty(), 1, 0);
        SweepSummary tie = SweepSummary.of(trials, t -> Optional.of(Map.of("m", 0.5)), "m");
        assertThat(tie.winner().orElseThrow().combination()).isZero();
        assertThat(SweepSummary.of(trials, t -> Optional.empty(), "m").winner()).isEmpty();
        assertThatThrownBy(() -> SweepSummary.of(trials, t -> Optional.of(Map.of("x", 1.0)), "m"))
                .hasMessageContaining("trial c000-s0 has no metric m");
    }
}
