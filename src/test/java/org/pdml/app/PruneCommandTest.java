package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.pipeline.RunsRootLock;

/** {@code pdml prune} through the CLI: a dry run lists and keeps, a real one removes. */
class PruneCommandTest {

    private static int prune(StringWriter out, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "prune";
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.execute(out, out, all);
    }

    @Test
    void aDryRunListsTheUnusedFolderAndARealRunRemovesIt(@TempDir Path root) throws IOException {
        Path unused = Files.createDirectories(root.resolve("stages/train/0123abcd"));
        Files.write(unused.resolve("stage.json"), new byte[] {'{', '}'});
        Files.write(unused.resolve("model.bin"), new byte[2_000_000]);

        StringWriter dry = new StringWriter();
        assertThat(prune(dry, "--runs-root", root.toString(), "--dry-run")).isZero();
        assertThat(dry.toString())
                .contains("would remove " + unused)
                .contains("would remove 1 stage folders, 2.0 MB");
        assertThat(unused).exists();

        StringWriter real = new StringWriter();
        assertThat(prune(real, "--runs-root", root.toString())).isZero();
        assertThat(real.toString()).contains("removed 1 stage folders, 2.0 MB");
        assertThat(unused).doesNotExist();
    }

    @Test
    void aPruneIsRefusedWhileARunHoldsTheRunsRoot(@TempDir Path root) throws IOException {
        Path unused = Files.createDirectories(root.resolve("stages/train/0123abcd"));
        StringWriter out = new StringWriter();
        RunsRootLock run = RunsRootLock.shared(root);
        try {
            assertThat(prune(out, "--runs-root", root.toString()))
                    .isEqualTo(PruneCommand.RUN_IN_PROGRESS);
        } finally {
            run.close();
        }
        assertThat(out.toString()).contains("a pdml run is using " + root);
        assertThat(unused).exists();
    }

    @Test
    void aNegativeKeepCountIsRefused(@TempDir Path root) {
        StringWriter out = new StringWriter();
        assertThat(prune(out, "--runs-root", root.toString(), "--keep-runs", "-1")).isEqualTo(2);
        assertThat(out.toString()).contains("--keep-runs");
    }
}
