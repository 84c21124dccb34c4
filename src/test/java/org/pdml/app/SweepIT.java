package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.config.ConfigLoader;
import org.pdml.pipeline.RunInfo;
import org.pdml.testing.SyntheticExamples;
import org.pdml.tracking.mlflow.MlflowServerExtension;
import org.pdml.tracking.mlflow.TestMlflowServer;
import picocli.CommandLine;

/**
 * {@code pdml sweep} end to end on a small folder dataset against a real MLflow server: 2
 * combinations × 2 seeds run as 4 {@code pdml run}s in child JVMs, 2 at once, scored on the
 * validation split and nested under one sweep run; preprocessing runs once; the table's mean ± sd
 * is recomputed here from the trials' own run-info files; a second sweep resumes, re-running only
 * the trial whose result was removed, and gives the same table.
 */
@ExtendWith(MlflowServerExtension.class)
class SweepIT {

    @Test
    void sweepsTrialsOnValidationNestsThemAndResumes(TestMlflowServer server, @TempDir Path tmp)
            throws IOException {
        SyntheticExamples.writeFolder(tmp.resolve("images"), 8, 6, 3);
        Path dir = tmp.resolve("sweep");
        List<String> args =
                List.of(
                        "sweep",
                        "--config",
                        "configs/smoke/folder-tiny.yaml",
                        "--grid",
                        "train.epochs=[0,1]",
                        "--seeds",
                        "2",
                        "--parallel",
                        "2",
                        "--sweep-dir",
                        dir.toString(),
                        "--tracking",
                        "on",
                        "--tracking-uri",
                        server.uri(),
                        "--experiment",
                        "sweep-it",
                        "data.source=" + tmp.resolve("images"),
                        "data.output=" + tmp.resolve("shards"),
                        "data.val_fraction=0.35",
                        "eval.knn_vote_k=2",
                        "runs_root=" + tmp.resolve("runs"));
        String first = execute(args);
        assertThat(first).contains("4 of 4 trials to run, 2 at once");
        String table = Files.readString(dir.resolve("sweep.md"));
        for (int c = 0; c < 2; c++) {
            double[] v = {metric(dir, "c00" + c + "-s0"), metric(dir, "c00" + c + "-s1")};
            double mean = (v[0] + v[1]) / 2;
            double sd = Math.abs(v[0] - v[1]) / Math.sqrt(2);
            assertThat(table)
                    .contains(
                            String.format(
                                    java.util.Locale.ROOT,
                                    "`train.epochs=%d` | 2 | %.4f ± %.4f |",
                                    c,
                                    mean,
                                    sd));
        }
        assertThat(ConfigLoader.load(dir.resolve("best.yaml"), List.of()).config().seed()).isZero();
        // every trial evaluated the validation split; preprocessing ran once per seed (the
        // validation carve draws from the seed), not once per trial
        for (Path info : runInfos(dir)) {
            Path config = RunInfo.read(info).runFolder().resolve("config.yaml");
            assertThat(Files.readString(config)).containsPattern("split: val");
        }
        try (Stream<Path> pre = Files.list(tmp.resolve("runs/stages/preprocess"))) {
            assertThat(pre.filter(Files::isDirectory).count()).isEqualTo(2);
        }
        Matcher id = Pattern.compile("mlflow run: (\\w+) \\(sweep ").matcher(first);
        assertThat(id.find()).as(first).isTrue();
        String sweepId = id.group(1);
        JsonNode sweepRun = server.readRuns(sweepId).get(sweepId);
        assertThat(sweepRun.get("children").size()).isEqualTo(4);
        assertThat(sweepRun.get("artifacts").has("sweep.md")).isTrue();
        assertThat(sweepRun.get("metrics").has("best_recall_at_1_mean")).isTrue();

        Files.delete(dir.resolve("trials/c001-s1/run-info.json"));
        String second = execute(args);
        assertThat(second)
                .contains("trial c000-s0: finished in an earlier sweep run, skipped")
                .contains("1 of 4 trials to run")
                .contains("trial c001-s1: started");
        assertThat(Files.readString(dir.resolve("sweep.md"))).isEqualTo(table);
    }

    @Test
    void aBadGridKeyFailsBeforeAnyTrial(@TempDir Path tmp) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        int status =
                cli.execute(
                        "sweep",
                        "--config",
                        "configs/smoke/folder-tiny.yaml",
                        "--grid",
                        "loss.temprature.init=[1,3]",
                        "--sweep-dir",
                        tmp.resolve("s").toString(),
                        "--tracking",
                        "off");
        assertThat(status).isEqualTo(ConfigCommand.INVALID_CONFIG);
        assertThat(err.toString()).contains("loss.temprature");
        assertThat(tmp.resolve("s")).doesNotExist();
    }

    private static String execute(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args.toArray(String[]::new));
        assertThat(status).as(out + "\n" + err).isZero();
        return out.toString();
    }

    private static double metric(Path dir, String trial) throws IOException {
        return RunInfo.read(dir.resolve("trials").resolve(trial).resolve("run-info.json"))
                .metrics()
                .get("recall_at_1");
    }

    private static List<Path> runInfos(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir.resolve("trials"))) {
            s.filter(p -> p.getFileName().toString().equals("run-info.json")).forEach(out::add);
        }
        assertThat(out).hasSize(4);
        return out;
    }
}
