package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.VerificationReport;
import org.pdml.artifacts.proto.EvalReport;
import org.pdml.eval.EvalReportWriter;
import org.pdml.pipeline.RunFolder;
import org.pdml.pipeline.RunInfo;
import org.pdml.pipeline.RunsRootLock;
import org.pdml.provenance.Seeds;
import org.pdml.testing.SyntheticExamples;
import org.pdml.util.Sha256;

/** {@code pdml run} end to end on the shipped folder smoke config, with real PNG files. */
class RunCommandTest {
    private static final String CONFIG = "configs/smoke/folder-tiny.yaml";

    private static void writeFolder(Path root, int classes, int perClass) throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        for (int c = 0; c < classes; c++) {
            Path dir = Files.createDirectories(root.resolve(String.format("class%02d", c)));
            for (int i = 0; i < perClass; i++) {
                ImageIO.write(
                        SyntheticExamples.image(c, 32, random),
                        "png",
                        dir.resolve(i + ".png").toFile());
            }
        }
    }

    private static Cli.Result run(String... args) {
        return Cli.run(args);
    }

    @Test
    void runsPreprocessTrainAndEvaluateFromOneConfig(@TempDir Path tmp) throws IOException {
        writeFolder(tmp.resolve("images"), 8, 6);
        Path info = tmp.resolve("state/run-info.json");
        Cli.Result r = Cli.runTiny(tmp, "--run-info", info.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("recall@1").contains("map@r");
        Path run;
        try (Stream<Path> runs = Files.list(tmp.resolve("runs/smoke"))) {
            run = runs.findFirst().orElseThrow();
        }
        assertThat(run.getFileName().toString()).endsWith("_smoke-folder");
        EvalReport report = EvalReportWriter.read(run.resolve("eval"));
        double r1 = report.getMetricsMap().get("recall@1");
        assertThat(r1).isBetween(0.0, 1.0);
        // What scheduled retraining reads instead of searching the runs root (issue 18).
        RunInfo written = RunInfo.read(info);
        assertThat(written.runFolder()).isEqualTo(run.toAbsolutePath().normalize());
        assertThat(written.mlflowRunId()).as("tracking is off in the smoke config").isEmpty();
        assertThat(written.metrics()).containsEntry("recall_at_1", r1).containsKey("map_at_r");
        assertThat(report.getCounts().getRows()).isEqualTo(24);
        assertThat(run.resolve("model/model_card.json")).exists();

        Cli.Result again = Cli.runTiny(tmp);
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out())
                .contains("preprocess: reusing")
                .contains("train: reusing")
                .contains("evaluate: reusing");

        // A scheduled run after the source grew: the new image changes the source index, so
        // preprocess runs again (and everything downstream of the new examples).
        ImageIO.write(
                SyntheticExamples.image(7, 32, new SplittableRandom(3)),
                "png",
                tmp.resolve("images/class07/new.png").toFile());
        Cli.Result grown = Cli.runTiny(tmp);
        assertThat(grown.status()).as(grown.err()).isZero();
        assertThat(grown.out())
                .contains("preprocess: running")
                .doesNotContain("preprocess: reusing")
                .contains("evaluate: running");
        Path latest;
        try (Stream<Path> runs = Files.list(tmp.resolve("runs/smoke"))) {
            latest = runs.sorted().reduce((a, b) -> b).orElseThrow();
        }
        assertThat(EvalReportWriter.read(latest.resolve("eval")).getCounts().getRows())
                .isEqualTo(25);

        // A scheduled run after an image was re-exported in place (same name, new pixels): the
        // index is unchanged, but the source stamp (size, modification time) moves, so
        // preprocess runs again.
        Path replaced = tmp.resolve("images/class03/0.png");
        FileTime before = Files.getLastModifiedTime(replaced);
        ImageIO.write(
                SyntheticExamples.image(3, 32, new SplittableRandom(5)), "png", replaced.toFile());
        Files.setLastModifiedTime(replaced, FileTime.fromMillis(before.toMillis() + 60_000));
        Cli.Result rewritten = Cli.runTiny(tmp);
        assertThat(rewritten.status()).as(rewritten.err()).isZero();
        assertThat(rewritten.out())
                .contains("preprocess: running")
                .doesNotContain("preprocess: reusing");
    }

    /**
     * Two identical runs, the second at least one zip-timestamp tick (2 s) later and into the same
     * paths (the first's folders moved aside), write byte-equal model folders, shards and manifest,
     * equal model and examples hashes, and reports that differ only in {@code created_at}.
     */
    @Test
    void twoIdenticalRunsWriteByteIdenticalModelsShardsAndReports(@TempDir Path tmp)
            throws Exception {
        writeFolder(tmp.resolve("images"), 8, 6);
        Snapshot first = runAndSnapshot(tmp);
        Path aside = Files.createDirectories(tmp.resolve("first"));
        Files.move(tmp.resolve("runs"), aside.resolve("runs"));
        Files.move(tmp.resolve("shards"), aside.resolve("shards"));
        Thread.sleep(2_100); // DOS zip times have a 2 s resolution: the clocks must differ
        Snapshot second = runAndSnapshot(tmp);
        assertThat(second.model()).containsKey("embedder.pt").isEqualTo(first.model());
        assertThat(second.shards()).containsKey("manifest.json").isEqualTo(first.shards());
        assertThat(second.report()).isEqualTo(first.report());
        assertThat(second.createdAt()).isNotEqualTo(first.createdAt());
        assertThat(second.stageHashes()).isEqualTo(first.stageHashes());
    }

    /**
     * What one run wrote: SHA-256 by relative path of its model folder and of its shards folder,
     * {@code report.json} with its {@code created_at} blanked, that {@code created_at}, and the
     * {@code output_sha256} of its preprocess and train stages.
     */
    private record Snapshot(
            Map<String, String> model,
            Map<String, String> shards,
            String report,
            String createdAt,
            Map<String, String> stageHashes) {}

    private static Snapshot runAndSnapshot(Path tmp) throws IOException {
        Cli.Result r = Cli.runTiny(tmp);
        assertThat(r.status()).as(r.err()).isZero();
        Path run;
        try (Stream<Path> runs = Files.list(tmp.resolve("runs/smoke"))) {
            run = runs.findFirst().orElseThrow();
        }
        String report = Files.readString(run.resolve("eval/report.json"));
        Matcher created = CREATED_AT.matcher(report);
        assertThat(created.find()).as(report).isTrue();
        JsonNode stages = new ObjectMapper().readTree(run.resolve(RunFolder.STAGES).toFile());
        Map<String, String> hashes = new TreeMap<>();
        for (String stage : List.of("preprocess", "train")) {
            hashes.put(stage, stages.get(stage).get("output_sha256").asText());
        }
        return new Snapshot(
                fileHashes(run.resolve("model")),
                fileHashes(tmp.resolve("shards")),
                created.replaceFirst("\"created_at\": \"\""),
                created.group(),
                hashes);
    }

    private static final Pattern CREATED_AT = Pattern.compile("\"created_at\": \"[^\"]*\"");

    /** SHA-256 of every regular file under a folder (links resolved), by relative path. */
    private static Map<String, String> fileHashes(Path dir) throws IOException {
        Path root = dir.toRealPath();
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(f).toString(), Sha256.of(f));
            }
        }
        return out;
    }

    /**
     * A real run with {@code seed=5}: its {@code provenance.json} lists every named stream of the
     * root seed with its derived value (it was empty while provenance got a fresh, unused seed
     * owner), and the evaluation's k-means ran on the {@code eval.kmeans} stream, not the root.
     */
    @Test
    void aRunRecordsEveryNamedSeedStreamAndEvaluatesOnTheKmeansStream(@TempDir Path tmp)
            throws IOException {
        writeFolder(tmp.resolve("images"), 8, 6);
        Cli.Result r = Cli.runTiny(tmp, "seed=5");
        assertThat(r.status()).as(r.err()).isZero();
        Path run;
        try (Stream<Path> runs = Files.list(tmp.resolve("runs/smoke"))) {
            run = runs.findFirst().orElseThrow();
        }
        JsonNode provenance = new ObjectMapper().readTree(run.resolve("provenance.json").toFile());
        assertThat(provenance.get("root_seed").asLong()).isEqualTo(5L);
        Map<String, Long> recorded = new TreeMap<>();
        provenance
                .get("seeds")
                .fields()
                .forEachRemaining(e -> recorded.put(e.getKey(), e.getValue().asLong()));
        Map<String, Long> expected = new TreeMap<>();
        for (Seeds.Purpose p : Seeds.Purpose.values()) {
            expected.put(p.key(), new Seeds(5).seed(p));
        }
        assertThat(recorded).hasSize(Seeds.Purpose.values().length).isEqualTo(expected);
        EvalReport report = EvalReportWriter.read(run.resolve("eval"));
        assertThat(report.getClustering().getSeed())
                .isEqualTo(new Seeds(5).seed(Seeds.Purpose.KMEANS));
    }

    @Test
    void aDamagedCachedPreprocessStageIsRunAgain(@TempDir Path tmp) throws IOException {
        writeFolder(tmp.resolve("images"), 8, 6);
        Cli.Result first = Cli.runTiny(tmp);
        assertThat(first.status()).as(first.err()).isZero();
        String shard = "train/part-00000-of-00001.tfrecord";
        Files.delete(tmp.resolve("shards").resolve(shard));

        Cli.Result again = Cli.runTiny(tmp);
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out())
                .contains("preprocess: the cached output " + tmp.resolve("shards") + " is damaged")
                .contains("shard " + shard + ": missing")
                .contains("preprocess: running")
                .doesNotContain("preprocess: reusing");
        ExamplesArtifact examples = ExamplesArtifact.at(tmp.resolve("shards"));
        VerificationReport verified = examples.verify();
        assertThat(verified.problems()).isEmpty();
        assertThat(verified.records("train")).isEqualTo(24);
        assertThat(verified.records("test")).isEqualTo(24);
        assertThat(verified.manifest().orElseThrow().getSplits(0).getRecordCount()).isEqualTo(24);
        Path latest;
        try (Stream<Path> runs = Files.list(tmp.resolve("runs/smoke"))) {
            latest = runs.sorted().reduce((a, b) -> b).orElseThrow();
        }
        assertThat(EvalReportWriter.read(latest.resolve("eval")).getCounts().getRows())
                .isEqualTo(24);
    }

    @Test
    void dryRunPrintsTheResolvedConfigWithOverrides() {
        Cli.Result r = run("run", "--config", CONFIG, "--dry-run", "train.epochs=7");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("epochs: 7").contains("dataset: folder");
    }

    @Test
    void anUnknownKeyFailsNamingItsPath() {
        Cli.Result r = run("run", "--config", CONFIG, "--dry-run", "train.optimiser.lr=1");
        assertThat(r.status()).isEqualTo(ConfigCommand.INVALID_CONFIG);
        assertThat(r.err()).contains("train.optimiser.lr");
        assertThat(List.of(r.out())).doesNotContain("epochs:");
    }

    @Test
    void aRunTakesTheRunsRootLockSoItWaitsForNoPruneAndNoPruneRunsBesideIt(@TempDir Path tmp)
            throws IOException {
        writeFolder(tmp.resolve("images"), 4, 3);
        RunsRootLock prune = RunsRootLock.tryExclusive(tmp.resolve("runs")).orElseThrow();
        try {
            Cli.Result r = Cli.runTiny(tmp);
            assertThat(r.status()).isNotZero();
            assertThat(r.err()).contains("a prune in this JVM holds");
        } finally {
            prune.close();
        }
        assertThat(tmp.resolve("runs/smoke")).doesNotExist(); // no run folder was created
    }

    @Test
    void aMissingSourceFailsBeforeAnyWorkNamingKeyAndPath(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-images");
        Cli.Result r =
                run(
                        "run",
                        "--config",
                        CONFIG,
                        "data.source=" + missing,
                        "runs_root=" + tmp.resolve("runs"));
        assertThat(r.status()).isEqualTo(ConfigCommand.INVALID_CONFIG);
        assertThat(r.err()).contains("data.source").contains(missing.toString()).contains(CONFIG);
        assertThat(tmp.resolve("runs")).doesNotExist();
    }

    @Test
    void anUnwritableOutputFailsBeforeTheRunFolderAndTheIndex(@TempDir Path tmp)
            throws IOException {
        writeFolder(tmp.resolve("images"), 2, 2);
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Cli.Result r =
                run(
                        "run",
                        "--config",
                        CONFIG,
                        "data.source=" + tmp.resolve("images"),
                        "data.output=" + file.resolve("shards"),
                        "runs_root=" + tmp.resolve("runs"));
        assertThat(r.status()).isEqualTo(ConfigCommand.INVALID_CONFIG);
        assertThat(r.err()).contains(file + " is a file, not a folder");
        assertThat(r.out()).doesNotContain("reading the folder index");
        assertThat(tmp.resolve("runs")).doesNotExist();
    }

    @Test
    void anUnknownFromStageFailsNamingTheChoices() {
        Cli.Result r = run("run", "--config", CONFIG, "--from", "fit", "--dry-run");
        assertThat(r.status()).isNotZero();
        assertThat(r.err()).contains("fit").contains("preprocess|train|evaluate");
    }
}
