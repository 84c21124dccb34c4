package org.pdml.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemoryRunTrackerTest {

    @TempDir Path tmp;

    private final SecretRedactor redactor = SecretRedactor.of(List.of("s3cret-token"));

    @Test
    void recordsWhatAStageLogsWithMlflowsRules() throws IOException {
        InMemoryRunTracker root = new InMemoryRunTracker("pipeline", redactor);
        root.logParams(Map.of("lr", "0.1", "api_token", "s3cret-token"));
        root.logParams(Map.of("lr", "0.1")); // same value again is allowed
        assertThatThrownBy(() -> root.logParams(Map.of("lr", "0.2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lr'");
        Path file = Files.writeString(tmp.resolve("c.yaml"), "t: s3cret-token");
        root.logArtifact(file, "config");
        InMemoryRunTracker child = root.startChild("train");
        child.logMetrics(Map.of("loss", 2.0), 0);
        child.logMetric("loss", 1.0, 1);
        assertThatThrownBy(() -> child.logMetric("loss", 1.0, -1))
                .isInstanceOf(IllegalArgumentException.class);
        child.markFailed(new IllegalStateException("boom with s3cret-token"));
        child.close();
        root.close();
        assertRecorded(root, child);
    }

    private static void assertRecorded(InMemoryRunTracker root, InMemoryRunTracker child) {
        assertThat(root.params()).containsEntry("api_token", "***").containsEntry("lr", "0.1");
        assertThat(new String(root.artifacts().get("config/c.yaml"), StandardCharsets.UTF_8))
                .isEqualTo("t: ***");
        assertThat(child.metricHistory("loss"))
                .containsExactly(
                        new InMemoryRunTracker.MetricPoint(2.0, 0),
                        new InMemoryRunTracker.MetricPoint(1.0, 1));
        assertThat(child.tags())
                .containsEntry(RunTracker.PARENT_RUN_TAG, root.runId())
                .containsEntry(RunTracker.ERROR_TAG, "boom with ***");
        assertThat(child.status()).isEqualTo(RunStatus.FAILED);
        assertThat(root.status()).isEqualTo(RunStatus.FINISHED);
        assertThatThrownBy(() -> root.setTag("k", "v")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void logConfigFlattensAndNotesTruncation() {
        InMemoryRunTracker run = new InMemoryRunTracker("r", redactor);
        run.logConfig(Map.of("a", Map.of("b", "x".repeat(7000))));
        assertThat(run.params().get("a.b")).hasSize(ConfigFlattener.MAX_VALUE_LENGTH);
        assertThat(run.tags()).containsEntry(ConfigFlattener.TRUNCATED_TAG, "a.b");
    }
}
