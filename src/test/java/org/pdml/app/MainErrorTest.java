package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A failing command reports its error in one readable line, naming the file, and exits 1. */
class MainErrorTest {
    @Test
    void aMissingEmbeddingFolderIsReportedWithoutAStackTrace(@TempDir Path tmp) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        Path missing = tmp.resolve("no-such-embeddings");
        int status = cli.execute("metrics", "--embeddings", missing.toString());
        assertThat(status).isEqualTo(Main.FAILED);
        assertThat(err.toString()).startsWith("error: ").contains("no-such-embeddings");
        assertThat(err.toString()).doesNotContain("\tat ");
    }
}
