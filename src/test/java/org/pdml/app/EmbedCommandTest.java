package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.NpyArray;
import org.pdml.eval.EmbeddingFile;
import org.pdml.testing.SyntheticExamples;
import picocli.CommandLine;

/**
 * {@code pdml embed} through the CLI: its embeddings of the test split equal those {@code pdml
 * evaluate} writes for the same model and split (two code paths over the same TorchScript file;
 * batches differ, so up to 1e-5).
 */
class EmbedCommandTest {
    @Test
    void embedsAnExamplesFolderLikeEvaluate(@TempDir Path tmp) throws IOException {
        Path examples = tmp.resolve("examples");
        SyntheticExamples.writeSplit(examples, "test", 0, 4, 5, 32, 9L);
        SyntheticExamples.writeSplit(examples, "train", 4, 4, 5, 32, 5L);
        StringWriter err = new StringWriter();
        String model = tmp.resolve("run/model").toString();
        Cli.Result trained = Cli.trainTiny(examples, tmp.resolve("run"));
        assertThat(trained.status()).as(trained.err()).isZero();
        String eval = tmp.resolve("eval").toString();
        assertThat(
                        Cli.execute(
                                err,
                                "evaluate",
                                "--model",
                                model,
                                "--data",
                                examples.toString(),
                                "--out",
                                eval))
                .as(err.toString())
                .isZero();
        Path out = tmp.resolve("z");
        assertThat(
                        Cli.execute(
                                err,
                                "embed",
                                "--model",
                                model,
                                "--images",
                                examples.toString(),
                                "--format",
                                "NPY",
                                "--out",
                                out.toString()))
                .as(err.toString())
                .isZero();

        EmbeddingFile evaluated = EmbeddingFile.read(tmp.resolve("eval/embeddings"));
        float[] embedded = NpyArray.read(out.resolve("embeddings.npy")).toFloats();
        int trainValues = embedded.length - evaluated.embeddings().length;
        float[] testRows = new float[evaluated.embeddings().length];
        // Train rows come first in pdml embed's output, then the test rows.
        System.arraycopy(embedded, trainValues, testRows, 0, testRows.length);
        assertThat(testRows).containsExactly(evaluated.embeddings(), within(1e-5f));
        assertThat(Files.readAllLines(out.resolve("ids.txt"), StandardCharsets.UTF_8))
                .endsWith(evaluated.ids().toArray(String[]::new));
    }

    @Test
    void anUnknownFormatIsAUsageError(@TempDir Path tmp) {
        StringWriter err = new StringWriter();
        int status =
                Cli.execute(
                        err,
                        "embed",
                        "--model",
                        tmp.toString(),
                        "--images",
                        tmp.toString(),
                        "--format",
                        "csv",
                        "--out",
                        tmp.resolve("x").toString());
        assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--format");
    }
}
