package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The tracking subcommands are registered and parse their options. */
class TrackingCliTest {

    @TempDir Path tmp;

    @Test
    void trackingMlflowAndPromoteAreSubcommands() {
        CommandLine cli = Main.commandLine();
        assertThat(cli.getSubcommands()).containsKeys("tracking", "mlflow", "promote");
        assertThat(cli.getSubcommands().get("tracking").getSubcommands()).containsKey("flush");
        assertThat(cli.getSubcommands().get("mlflow").getSubcommands()).containsKey("ui");
    }

    @Test
    void flushWithAnEmptySpoolFolderSucceedsWithoutAServer() {
        int rc = Main.commandLine().execute("tracking", "flush", "--spool-dir", tmp.toString());
        assertThat(rc).isZero();
    }

    @Test
    void promoteRequiresRunAndMetric() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("promote", "--metric", "r1")).isEqualTo(2);
        assertThat(err.toString()).contains("--run");
    }
}
