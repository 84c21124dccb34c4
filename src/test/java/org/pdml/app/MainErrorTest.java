package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing command reports its error in one readable line, naming the file, and exits 1. */
class MainErrorTest {
    @Test
    void aMissingEmbeddingFolderIsReportedWithoutAStackTrace(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-embeddings");
        Cli.Result r = Cli.run("metrics", "--embeddings", missing.toString());
        assertThat(r.status()).isEqualTo(Main.FAILED);
        assertThat(r.err()).startsWith("error: ").contains("no-such-embeddings");
        assertThat(r.err()).doesNotContain("\tat ");
    }
}
