package org.pdml.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.tracking.DatasetInput;
import org.pdml.tracking.SecretRedactor;

class DatasetInputJsonTest {
    @TempDir Path tmp;

    private static final DatasetInput INPUT =
            new DatasetInput(
                    "cub200",
                    "0123456789abcdef0123456789abcdef",
                    "gs",
                    "{\"uri\": \"https://user:pw@example.org/examples\"}",
                    "{\"mlflow_colspec\": []}",
                    "{\"splits\": {}}",
                    Map.of(
                            DatasetInput.CONTEXT_TAG,
                            DatasetInput.EVALUATION,
                            "pdml.split",
                            "test"));

    @Test
    void anInputIsOneLogInputsEntryWithTheSourceRedacted() throws Exception {
        JsonNode e =
                new ObjectMapper()
                        .readTree(DatasetInputJson.entry(INPUT, SecretRedactor.of(List.of())));
        JsonNode d = e.get("dataset");
        assertThat(d.get("name").asText()).isEqualTo("cub200");
        assertThat(d.get("digest").asText()).isEqualTo(INPUT.digest());
        assertThat(d.get("source_type").asText()).isEqualTo("gs");
        assertThat(d.get("source").asText()).doesNotContain("pw").contains("example.org");
        assertThat(d.get("schema").asText()).isEqualTo(INPUT.schema());
        assertThat(d.get("profile").asText()).isEqualTo(INPUT.profile());
        assertThat(e.get("tags").toString())
                .isEqualTo(
                        "[{\"key\":\"mlflow.data.context\",\"value\":\"evaluation\"},"
                                + "{\"key\":\"pdml.split\",\"value\":\"test\"}]");
    }

    @Test
    void theSpoolCarriesAnInputUntilItIsDelivered() {
        Path file = tmp.resolve("s.jsonl");
        String json = DatasetInputJson.entry(INPUT, SecretRedactor.of(List.of()));
        try (SpoolJournal j = SpoolJournal.create(file, "http://127.0.0.1:5000")) {
            j.append(new SpoolRecord(0, SpoolRecord.Kind.INPUT, "r1", "", json, 0, 7, 0));
        }
        List<SpoolRecord> pending = SpoolJournal.pending(file);
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).kind()).isEqualTo(SpoolRecord.Kind.INPUT);
        assertThat(pending.get(0).value()).isEqualTo(json);
        assertThat(pending.get(0).batchable()).isFalse();
    }

    @Test
    void aDigestLongerThanMlflowAllowsIsRefused() {
        assertThatThrownBy(
                        () ->
                                new DatasetInput(
                                        "x", "a".repeat(37), "local", "{}", "{}", "{}", Map.of()))
                .hasMessageContaining("36");
    }
}
