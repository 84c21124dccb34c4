package org.pdml.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Grouping of spool records into log-batch calls within MLflow's documented limits. */
class MlflowDeliveryTest {

    private static SpoolRecord rec(SpoolRecord.Kind kind, String run, String key) {
        return new SpoolRecord(0, kind, run, key, "v", 1, 0, 0);
    }

    private static List<Integer> groups(List<SpoolRecord> records) {
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < records.size(); ) {
            int n = MlflowDelivery.groupSize(records, i);
            sizes.add(n);
            i += n;
        }
        return sizes;
    }

    @Test
    void metricsSplitAtOneThousand() {
        List<SpoolRecord> r = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            r.add(rec(SpoolRecord.Kind.METRIC, "a", "loss"));
        }
        assertThat(groups(r)).containsExactly(1000, 1000, 500);
    }

    @Test
    void paramsAndTagsSplitAtOneHundredEachAndEntitiesAtOneThousand() {
        List<SpoolRecord> r = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            r.add(rec(SpoolRecord.Kind.PARAM, "a", "p" + i));
        }
        assertThat(groups(r)).containsExactly(100, 50);
        List<SpoolRecord> mixed = new ArrayList<>();
        for (int i = 0; i < 950; i++) {
            mixed.add(rec(SpoolRecord.Kind.METRIC, "a", "m"));
        }
        for (int i = 0; i < 100; i++) {
            mixed.add(rec(SpoolRecord.Kind.TAG, "a", "t" + i));
        }
        assertThat(groups(mixed)).containsExactly(1000, 50);
    }

    @Test
    void runsArtifactsEndsAndRepeatedParamKeysCutGroups() {
        List<SpoolRecord> r =
                List.of(
                        rec(SpoolRecord.Kind.PARAM, "a", "lr"),
                        rec(SpoolRecord.Kind.METRIC, "a", "loss"),
                        rec(SpoolRecord.Kind.PARAM, "a", "lr"),
                        rec(SpoolRecord.Kind.METRIC, "b", "loss"),
                        rec(SpoolRecord.Kind.ARTIFACT, "b", "x"),
                        rec(SpoolRecord.Kind.TERMINATE, "b", ""),
                        rec(SpoolRecord.Kind.TAG, "b", "t"),
                        rec(SpoolRecord.Kind.CHILD, "b", "c"),
                        rec(SpoolRecord.Kind.TAG, "b", "u"));
        assertThat(groups(r)).containsExactly(2, 1, 1, 1, 1, 1, 1, 1);
    }
}
