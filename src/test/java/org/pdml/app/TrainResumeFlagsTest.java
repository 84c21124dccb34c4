package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.testing.SyntheticExamples;

/**
 * {@code pdml train}'s {@code --resume}/{@code --restart} contract on a run folder, and resuming
 * from the state a crash between the checkpoint's two renames leaves (only {@code .latest.old}).
 */
class TrainResumeFlagsTest {
    @TempDir static Path tmp;
    private static Path examples;

    @BeforeAll
    static void writeExamples() throws IOException {
        examples = tmp.resolve("examples");
        SyntheticExamples.write(examples, 6, 0, 6, 32, 5L);
    }

    private static int train(StringWriter err, Path out, String... flags) {
        Cli.Result r = Cli.trainTiny(examples, out, flags);
        err.write(r.err());
        return r.status();
    }

    @Test
    void resumeWithoutACheckpointFailsBeforeAnyWorkAskingForRestart() {
        StringWriter err = new StringWriter();
        Path out = tmp.resolve("typo");
        assertThat(train(err, out, "--resume")).isEqualTo(ConfigCommand.INVALID_CONFIG);
        assertThat(err.toString())
                .contains("no checkpoint to resume at " + out.resolve("checkpoints/latest"))
                .contains("--restart");
        assertThat(out).doesNotExist();
    }

    @Test
    void bothFlagsAreRefused() {
        StringWriter err = new StringWriter();
        assertThat(train(err, tmp.resolve("both"), "--resume", "--restart"))
                .isEqualTo(ConfigCommand.INVALID_CONFIG);
        assertThat(err.toString()).contains("--resume and --restart exclude each other");
    }

    @Test
    void aCheckpointNeedsAWordAndEitherWordIsHonoured() throws IOException {
        Path out = tmp.resolve("run");
        StringWriter err = new StringWriter();
        assertThat(train(err, out)).as(err.toString()).isZero();
        byte[] model = Files.readAllBytes(out.resolve("model/params.bin"));

        StringWriter again = new StringWriter();
        assertThat(train(again, out)).isEqualTo(ConfigCommand.INVALID_CONFIG);
        assertThat(again.toString())
                .contains(out.resolve("checkpoints/latest") + " holds a checkpoint after epoch 1")
                .contains("--resume")
                .contains("--restart");

        // A crash between CheckpointStore's two renames leaves only .latest.old, the previous
        // checkpoint, complete: --resume must find it rather than say there is none.
        Path checkpoints = out.resolve("checkpoints");
        Files.move(checkpoints.resolve("latest"), checkpoints.resolve(".latest.old"));
        StringWriter resumed = new StringWriter();
        assertThat(train(resumed, out, "--resume")).as(resumed.toString()).isZero();
        assertThat(checkpoints.resolve("latest/params.bin")).exists();
        assertThat(checkpoints.resolve(".latest.old")).doesNotExist();
        assertThat(out.resolve("model/params.bin")).hasBinaryContent(model);

        StringWriter restarted = new StringWriter();
        assertThat(train(restarted, out, "--restart")).as(restarted.toString()).isZero();
        assertThat(out.resolve("model/params.bin")).hasBinaryContent(model);
        try (var names = Files.list(out)) {
            assertThat(names.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(".model"));
        }
    }
}
