package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.proto.EvalReport;
import org.pdml.eval.EmbeddingFile;
import org.pdml.eval.EvalReportWriter;
import org.pdml.provenance.Seeds;

/** {@code pdml metrics} wires the options into the metrics stage. */
class MetricsCommandTest {
    @TempDir Path dir;

    @Test
    void writesTheReportForTheGivenKs() throws Exception {
        Path emb = dir.resolve("emb");
        float[] z = {1, 0, 0.9f, 0.1f, 0, 1, 0.1f, 0.9f, 1, 1, 0.8f, 1};
        new EmbeddingFile(
                        z,
                        6,
                        2,
                        new long[] {0, 0, 1, 1, 2, 2},
                        java.util.List.of("a", "b", "c", "d", "e", "f"),
                        Optional.empty())
                .write(emb);
        Cli.ok(
                "metrics",
                "--embeddings",
                emb.toString(),
                "--k",
                "1,2",
                "--vote-k",
                "1",
                "--seed",
                "3",
                "--out",
                dir.resolve("out").toString());
        EvalReport r = EvalReportWriter.read(dir.resolve("out"));
        assertThat(r.getKList()).containsExactly(1, 2);
        assertThat(r.getMetricsMap()).containsKeys("recall@1", "recall@2", "nmi", "map@r");
        // --seed is a root seed: k-means runs on its eval.kmeans stream.
        assertThat(r.getClustering().getSeed()).isEqualTo(new Seeds(3).seed(Seeds.Purpose.KMEANS));
    }

    @Test
    void badKListFails() {
        int rc = Cli.run("metrics", "--embeddings", dir.toString(), "--k", "1,x").status();
        assertThat(rc).isNotZero();
    }
}
