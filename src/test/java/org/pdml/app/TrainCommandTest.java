package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.testing.SyntheticExamples;

/** {@code pdml train} and {@code pdml evaluate} through the CLI on synthetic shards. */
class TrainCommandTest {
    /** Nothing listens on port 1 of the loopback: connecting is refused at once. */
    private static final String UNREACHABLE = "http://127.0.0.1:1";

    @Test
    void trainsThenEvaluatesTheExportedModel(@TempDir Path tmp) throws IOException {
        Path examples = tmp.resolve("examples");
        SyntheticExamples.write(examples, 6, 0, 6, 32, 5L);
        SyntheticExamples.writeSplit(examples, "test", 6, 4, 6, 32, 9L);
        // tracking off needs no server: the unreachable one is never contacted
        Cli.Result trained =
                Cli.trainTiny(examples, tmp.resolve("run"), "--tracking-uri", UNREACHABLE);
        assertThat(trained.status()).as(trained.err()).isZero();
        StringWriter err = new StringWriter();
        assertThat(tmp.resolve("run/model/embedder.pt")).exists();
        int evaluated =
                Cli.execute(
                        err,
                        "evaluate",
                        "--model",
                        tmp.resolve("run/model").toString(),
                        "--data",
                        examples.toString(),
                        "--out",
                        tmp.resolve("eval").toString());
        assertThat(evaluated).as(err.toString()).isZero();
        assertThat(tmp.resolve("eval/report.json")).exists();
        assertThat(tmp.resolve("eval/embeddings/embeddings.npy")).exists();
    }

    @Test
    void cudaWithoutAGpuFailsAtOnceSayingWhatWasFound(@TempDir Path tmp) {
        String[][] commands = {
            {"train", "--out", tmp.resolve("run").toString()},
            {"run", "runs_root=" + tmp.resolve("runs"), "data.source=" + tmp},
        };
        for (String[] command : commands) {
            StringWriter err = new StringWriter();
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(
                    List.of(
                            "--config",
                            "configs/smoke/folder-tiny.yaml",
                            "--device",
                            "cuda",
                            "--tracking",
                            "off"));
            int status = Cli.execute(err, args.toArray(String[]::new));
            assertThat(status).as(err.toString()).isEqualTo(Main.FAILED);
            assertThat(err.toString())
                    .contains("error: device cuda:0 was asked for", "flavour cpu", "0 GPUs");
        }
        assertThat(tmp.resolve("run")).doesNotExist();
        assertThat(tmp.resolve("runs")).doesNotExist();
    }

    @Test
    void aLibtorchFolderWithoutLibtorchFailsAtOnceInOneSentence(@TempDir Path tmp) {
        StringWriter err = new StringWriter();
        Path notLibtorch = tmp.resolve("libtorch");
        int status =
                trainWithoutExamples(
                        err,
                        tmp.resolve("run"),
                        "--tracking",
                        "off",
                        "--libtorch",
                        notLibtorch.toString());
        assertThat(status).as(err.toString()).isEqualTo(Main.FAILED);
        assertThat(err.toString())
                .isEqualTo(
                        "error: engine.libtorch "
                                + notLibtorch
                                + " is not a libtorch folder: neither it nor its lib folder holds"
                                + " libtorch.so"
                                + System.lineSeparator());
        assertThat(tmp.resolve("run")).doesNotExist();
    }

    @Test
    void aRemoteDataOutputWithoutExamplesFailsNamingItBeforeAnyWork(@TempDir Path tmp) {
        StringWriter err = new StringWriter();
        int status =
                trainWithoutExamples(
                        err,
                        tmp.resolve("run"),
                        "--tracking",
                        "off",
                        "data.output=gs://bucket/examples");
        assertThat(status).isEqualTo(ConfigCommand.INVALID_CONFIG);
        assertThat(err.toString()).contains("gs://bucket/examples", "--examples", "pdml run");
        assertThat(tmp.resolve("run")).doesNotExist();
    }

    @Test
    void aWrongTypeInAnOverrideFailsNamingTheKey(@TempDir Path tmp) {
        StringWriter err = new StringWriter();
        int status = trainWithoutExamples(err, tmp, "train.epochs=ten");
        assertThat(status).isEqualTo(ConfigCommand.INVALID_CONFIG);
        assertThat(err.toString()).contains("train.epochs");
    }

    @Test
    void anUnreachableServerFailsFastBeforeAnyWork(@TempDir Path tmp) throws IOException {
        Path examples = tmp.resolve("examples");
        SyntheticExamples.write(examples, 4, 0, 2, 32, 5L);
        StringWriter err = new StringWriter();
        int status =
                Cli.execute(
                        err,
                        Cli.trainTinyArgs(
                                examples,
                                tmp.resolve("run"),
                                "--tracking",
                                "on",
                                "--tracking-uri",
                                UNREACHABLE));
        assertThat(status).isEqualTo(Main.FAILED);
        assertThat(err.toString())
                .contains("MLflow tracking server at " + UNREACHABLE + " is unreachable")
                .contains("--tracking off");
        assertThat(tmp.resolve("run/checkpoints")).doesNotExist();
        assertThat(tmp.resolve("run/model")).doesNotExist();
    }

    @Test
    void preprocessIsTrackedByDefaultAndFailsFastToo(@TempDir Path tmp) {
        StringWriter err = new StringWriter();
        int status =
                Cli.execute(
                        err,
                        "preprocess",
                        "--dataset",
                        "folder",
                        "--source",
                        tmp.resolve("images").toString(),
                        "--output",
                        tmp.resolve("examples").toString(),
                        "--tracking-uri",
                        UNREACHABLE);
        assertThat(status).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("is unreachable").contains("--tracking off");
        assertThat(tmp.resolve("examples")).doesNotExist();
    }

    /** Runs {@code pdml train} on the tiny smoke config with no examples folder. */
    private static int trainWithoutExamples(StringWriter err, Path out, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "train",
                                "--config",
                                "configs/smoke/folder-tiny.yaml",
                                "--out",
                                out.toString()));
        args.addAll(List.of(more));
        return Cli.execute(err, args.toArray(String[]::new));
    }
}
