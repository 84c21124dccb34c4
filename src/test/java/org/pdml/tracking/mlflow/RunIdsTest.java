package org.pdml.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Placeholder ids of spooled child runs and their rewriting to the created runs. */
class RunIdsTest {

    private static final String REAL = "0123456789abcdef0123456789abcdef";

    private static SpoolRecord rec(SpoolRecord.Kind kind, String run, String key) {
        return new SpoolRecord(7, kind, run, key, "v", 0.5, 1000, 3);
    }

    @Test
    void placeholdersAreFreshAndToldApartFromServerIds() {
        String a = RunIds.newPlaceholder();
        assertThat(RunIds.isPlaceholder(a)).isTrue();
        assertThat(RunIds.newPlaceholder()).isNotEqualTo(a);
        assertThat(RunIds.isPlaceholder(REAL)).isFalse();
        RunIds ids = new RunIds();
        assertThat(ids.realId(REAL)).contains(REAL);
        assertThat(ids.realId(a)).isEmpty();
    }

    @Test
    void recordsOfACreatedRunAreRewrittenToItsIdAndArtifactRoot() {
        String p = RunIds.newPlaceholder();
        RunIds ids = new RunIds();
        ids.put(new RunIds.Created(p, REAL, "4/" + REAL + "/artifacts"));
        assertThat(ids.realId(p)).contains(REAL);
        assertThat(ids.resolve(rec(SpoolRecord.Kind.METRIC, p, "loss")))
                .isEqualTo(rec(SpoolRecord.Kind.METRIC, REAL, "loss"));
        assertThat(ids.resolve(rec(SpoolRecord.Kind.ARTIFACT, p, p + "/model/w.bin")).key())
                .isEqualTo("4/" + REAL + "/artifacts/model/w.bin");
        // A model's fallback folder is a proxy path too (a model logged by a spooled child).
        SpoolRecord model = ids.resolve(rec(SpoolRecord.Kind.MODEL, p, p + "/model"));
        assertThat(model.key()).isEqualTo("4/" + REAL + "/artifacts/model");
        assertThat(model.runId()).isEqualTo(REAL);
        SpoolRecord real = rec(SpoolRecord.Kind.TAG, "ffff", "t");
        assertThat(ids.resolve(real)).isSameAs(real);
    }

    @Test
    void aRecordOfARunNeverCreatedIsRefusedNamingItsSeq() {
        String p = RunIds.newPlaceholder();
        assertThatThrownBy(() -> new RunIds().resolve(rec(SpoolRecord.Kind.TERMINATE, p, "")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("record 7")
                .hasMessageContaining(p);
    }

    @Test
    void theMappingIsRestoredFromTheAcksOfChildRecordsOnly() {
        String p = RunIds.newPlaceholder();
        SpoolRecord plainAck = new SpoolRecord(3, SpoolRecord.Kind.ACK, "", "", "", 0, 0, 0);
        SpoolRecord childAck =
                new SpoolRecord(
                        4, SpoolRecord.Kind.ACK, REAL, p, "1/" + REAL + "/artifacts", 0, 0, 0);
        RunIds ids = RunIds.fromAcks(List.of(plainAck, childAck));
        assertThat(ids.realId(p)).contains(REAL);
        assertThat(ids.resolve(rec(SpoolRecord.Kind.ARTIFACT, p, p + "/a.txt")).key())
                .isEqualTo("1/" + REAL + "/artifacts/a.txt");
    }

    @Test
    void aChildRecordCarriesWhatTheRunIsCreatedWith() {
        String p = RunIds.newPlaceholder();
        RunCreation.Spec spec =
                new RunCreation.Spec("4", "evaluate @ quick \"run\"", REAL, "evaluate", 1234);
        SpoolRecord r = RunCreation.childRecord(spec, p);
        assertThat(r.kind()).isEqualTo(SpoolRecord.Kind.CHILD);
        assertThat(r.runId()).isEqualTo(REAL);
        assertThat(r.key()).isEqualTo(p);
        assertThat(r.batchable()).isFalse();
        assertThat(RunCreation.childSpec(r)).isEqualTo(spec);
    }
}
