package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

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
        Cli.ok("tracking", "flush", "--spool-dir", tmp.toString());
    }

    @Test
    void promoteRequiresRunAndMetric() {
        Cli.Result r = Cli.run("promote", "--metric", "r1");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--run");
    }
}
