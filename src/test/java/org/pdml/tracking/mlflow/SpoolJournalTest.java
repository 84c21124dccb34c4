package org.pdml.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolJournalTest {

    @TempDir Path tmp;

    private static SpoolRecord metric(double value, long step) {
        return new SpoolRecord(
                0, SpoolRecord.Kind.METRIC, "run1", "loss", "", value, 1000 + step, step);
    }

    @Test
    void recordsRoundTripInOrderAndAcksHideDeliveredOnes() {
        Path file = tmp.resolve("s.jsonl");
        try (SpoolJournal j = SpoolJournal.create(file, "http://127.0.0.1:5000")) {
            j.append(metric(1.5, 0));
            SpoolRecord second = j.append(metric(Double.NaN, 1));
            j.append(metric(Double.NEGATIVE_INFINITY, 2));
            j.ack(second.seq());
            assertThat(j.fullyAcknowledged()).isFalse();
        }
        List<SpoolRecord> pending = SpoolJournal.pending(file);
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).number()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(pending.get(0).step()).isEqualTo(2);
        assertThat(pending.get(0).timestamp()).isEqualTo(1002);
        assertThat(SpoolJournal.trackingUri(file)).isEqualTo("http://127.0.0.1:5000");
    }

    @Test
    void reopenedJournalContinuesNumberingAndAcksEverything() {
        Path file = tmp.resolve("s.jsonl");
        try (SpoolJournal j = SpoolJournal.create(file, "u")) {
            j.append(metric(1, 0));
            j.append(metric(Double.NaN, 1));
        }
        assertThat(SpoolJournal.pending(file).get(1).number()).isNaN();
        try (SpoolJournal j = SpoolJournal.open(file)) {
            SpoolRecord third = j.append(metric(3, 2));
            assertThat(third.seq()).isEqualTo(3);
            j.ack(third.seq());
            assertThat(j.fullyAcknowledged()).isTrue();
        }
        assertThat(SpoolJournal.pending(file)).isEmpty();
    }

    @Test
    void aTornLastLineIsIgnoredButACorruptMiddleLineIsNamed() throws IOException {
        Path file = tmp.resolve("s.jsonl");
        try (SpoolJournal j = SpoolJournal.create(file, "u")) {
            j.append(metric(1, 0));
        }
        Files.writeString(file, "{\"seq\":2,\"kind\":\"MET", StandardOpenOption.APPEND);
        assertThat(SpoolJournal.pending(file)).hasSize(1);
        try (SpoolJournal j = SpoolJournal.open(file)) {
            j.append(metric(2, 1));
        }
        assertThatThrownBy(() -> SpoolJournal.pending(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 3");
    }

    @Test
    void theAckOfAChildRecordKeepsTheCreatedRunAcrossReopening() {
        Path file = tmp.resolve("s.jsonl");
        String p = RunIds.newPlaceholder();
        String real = "0123456789abcdef0123456789abcdef";
        try (SpoolJournal j = SpoolJournal.create(file, "u")) {
            RunCreation.Spec spec = new RunCreation.Spec("1", "eval @ r", "root", "eval", 5);
            SpoolRecord child = j.append(RunCreation.childRecord(spec, p));
            j.append(new SpoolRecord(0, SpoolRecord.Kind.METRIC, p, "r_at_1", "", 0.5, 6, 0));
            j.ackCreated(child.seq(), new RunIds.Created(p, real, "1/" + real + "/artifacts"));
            assertThat(j.fullyAcknowledged()).isFalse();
        }
        List<SpoolRecord> pending = SpoolJournal.pending(file);
        assertThat(pending).extracting(SpoolRecord::kind).containsExactly(SpoolRecord.Kind.METRIC);
        assertThat(SpoolJournal.createdRuns(file).realId(p)).contains(real);
        assertThat(SpoolJournal.createdRuns(file).resolve(pending.get(0)).runId()).isEqualTo(real);
        try (SpoolJournal j = SpoolJournal.open(file)) {
            j.ack(pending.get(0).seq());
            assertThat(j.fullyAcknowledged()).isTrue();
        }
    }
}
