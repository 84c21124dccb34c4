package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.proto.ShardInfo;
import org.pdml.records.TfRecordReader;
import org.pdml.records.TfRecordWriter;
import org.pdml.testing.SyntheticExamples;

/**
 * {@code pdml train} and {@code pdml evaluate} through the CLI refuse inputs that differ from their
 * manifest or model card, naming the file and the problem, before any work. The examples are
 * written once by the real {@code pdml preprocess} (two shards per split) and the model by the real
 * {@code pdml train}; each test damages a copy.
 */
class StageInputVerificationTest {
    private static final String CONFIG = "configs/smoke/folder-tiny.yaml";

    @TempDir static Path shared;
    private static Path examples;
    private static Path model;

    @TempDir Path tmp;

    private record Result(int status, String err) {}

    private static Result pdml(String... args) {
        Cli.Result r = Cli.run(args);
        return new Result(r.status(), r.err());
    }

    @BeforeAll
    static void preprocessAndTrain() throws IOException {
        Path images = shared.resolve("images");
        SplittableRandom random = new SplittableRandom(11);
        for (int c = 0; c < 8; c++) {
            Path dir = Files.createDirectories(images.resolve(String.format("class%02d", c)));
            for (int i = 0; i < 6; i++) {
                ImageIO.write(
                        SyntheticExamples.image(c, 32, random),
                        "png",
                        dir.resolve(i + ".png").toFile());
            }
        }
        examples = shared.resolve("examples");
        Result p =
                pdml(
                        "preprocess",
                        "--config",
                        CONFIG,
                        "data.source=" + images,
                        "data.output=" + examples,
                        "data.num_shards=2",
                        "runs_root=" + shared.resolve("runs"));
        assertThat(p.status()).as(p.err()).isZero();
        Result t = train(examples, shared.resolve("run"));
        assertThat(t.status()).as(t.err()).isZero();
        model = shared.resolve("run/model");
    }

    private static Result train(Path data, Path out) {
        return pdml(
                "train",
                "--config",
                CONFIG,
                "--examples",
                data.toString(),
                "--out",
                out.toString(),
                "--tracking",
                "off");
    }

    private Result evaluate(Path modelDir, Path data) {
        return pdml(
                "evaluate",
                "--model",
                modelDir.toString(),
                "--data",
                data.toString(),
                "--out",
                tmp.resolve("eval").toString());
    }

    /** A fresh copy of a folder under the test's own temporary folder. */
    private Path copy(Path from, String name) throws IOException {
        Path to = tmp.resolve(name);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /** A fresh examples copy, one of its shards, and that shard's size in the manifest. */
    private record Copy(Path data, String shard, long size) {
        Path file() {
            return data.resolve(shard);
        }
    }

    private Copy copyExamples(String shard) throws IOException {
        Path data = copy(examples, "examples");
        long size =
                ExamplesArtifact.at(data).read().getSplitsList().stream()
                        .flatMap(s -> s.getShardsList().stream())
                        .filter(s -> s.getPath().equals(shard))
                        .mapToLong(ShardInfo::getSizeBytes)
                        .findFirst()
                        .orElseThrow();
        assertThat(size).isPositive();
        return new Copy(data, shard, size);
    }

    /** Trains on the damaged copy and checks that it failed before writing anything. */
    private Result trainFails(Path data) {
        Result r = train(data, tmp.resolve("run"));
        assertThat(r.status()).as(r.err()).isEqualTo(Main.FAILED);
        assertThat(tmp.resolve("run/checkpoints")).doesNotExist();
        assertThat(tmp.resolve("run/model")).doesNotExist();
        return r;
    }

    @Test
    void trainingWithADeletedShardFailsNamingIt() throws IOException {
        Copy c = copyExamples("train/part-00001-of-00002.tfrecord");
        Files.delete(c.file());
        assertThat(trainFails(c.data()).err())
                .contains("shard " + c.shard() + ": missing, manifest lists it with " + c.size());
    }

    @Test
    void trainingWithAnEmptiedShardFailsNamingIt() throws IOException {
        Copy c = copyExamples("train/part-00000-of-00002.tfrecord");
        Files.write(c.file(), new byte[0]);
        assertThat(trainFails(c.data()).err())
                .contains("shard " + c.shard() + ": 0 bytes, manifest says " + c.size());
    }

    @Test
    void trainingWithAShardCutAtARecordBoundaryFailsNamingIt() throws IOException {
        Copy c = copyExamples("train/part-00001-of-00002.tfrecord");
        long boundary;
        try (TfRecordReader reader = TfRecordReader.open(c.file())) {
            assertThat(reader.next()).isNotNull();
            boundary = reader.position(); // the end of the first record
        }
        assertThat(boundary).isBetween(1L, c.size() - 1);
        try (RandomAccessFile f = new RandomAccessFile(c.file().toFile(), "rw")) {
            f.setLength(boundary);
        }
        try (TfRecordReader reader = TfRecordReader.open(c.file())) {
            reader.next();
            assertThat(reader.next()).isNull(); // a clean end: only the manifest tells
        }
        assertThat(trainFails(c.data()).err())
                .contains(
                        "shard "
                                + c.shard()
                                + ": "
                                + boundary
                                + " bytes, manifest says "
                                + c.size());
    }

    @Test
    void trainingWithShardsReorderedInPlaceFailsOnTheirSha256() throws IOException {
        Copy c = copyExamples("train/part-00000-of-00002.tfrecord");
        List<byte[]> records = new ArrayList<>();
        try (TfRecordReader reader = TfRecordReader.open(c.file())) {
            for (byte[] b = reader.next(); b != null; b = reader.next()) {
                records.add(b);
            }
        }
        assertThat(records).hasSizeGreaterThan(1);
        try (TfRecordWriter writer = TfRecordWriter.open(c.file())) {
            for (int i = records.size() - 1; i >= 0; i--) {
                writer.write(records.get(i)); // same size, same count, every CRC valid
            }
        }
        assertThat(Files.size(c.file())).isEqualTo(c.size());
        assertThat(trainFails(c.data()).err()).contains("shard " + c.shard() + ": SHA-256 ");
    }

    @Test
    void trainingWithoutAManifestFailsNamingIt() throws IOException {
        Path data = copy(examples, "examples");
        Files.delete(data.resolve(ExamplesArtifact.MANIFEST));
        assertThat(trainFails(data).err())
                .contains(data + ": file manifest.json: missing: not a complete");
    }

    @Test
    void trainingWithAMalformedManifestFailsNamingIt() throws IOException {
        Path data = copy(examples, "examples");
        Path manifest = data.resolve(ExamplesArtifact.MANIFEST);
        String json = Files.readString(manifest, StandardCharsets.UTF_8);
        Files.writeString(manifest, json.substring(0, json.length() / 2), StandardCharsets.UTF_8);
        assertThat(trainFails(data).err()).contains(data + ": file manifest.json: malformed: ");
    }

    @Test
    void trainingWithAnExtraShardFailsNamingIt() throws IOException {
        Path data = copy(examples, "examples");
        String extra = "train/part-00000-of-00001.tfrecord"; // a leftover of a 1-shard run
        Files.copy(data.resolve("train/part-00000-of-00002.tfrecord"), data.resolve(extra));
        assertThat(trainFails(data).err())
                .contains("shard " + extra + ": on disk but not in the manifest");
    }

    @Test
    void evaluatingWithAMissingTestShardFailsNamingIt() throws IOException {
        Path data = copy(examples, "examples");
        String shard = "test/part-00001-of-00002.tfrecord";
        Files.delete(data.resolve(shard));
        Result r = evaluate(model, data);
        assertThat(r.status()).as(r.err()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("shard " + shard + ": missing, manifest lists it");
        assertThat(tmp.resolve("eval/report.json")).doesNotExist();
    }

    @Test
    void evaluatingATamperedModelFileFailsNamingIt() throws IOException {
        Path modelDir = copy(model, "model");
        Path kappa = modelDir.resolve("proxy_kappa.npy");
        byte[] bytes = Files.readAllBytes(kappa);
        bytes[bytes.length - 1] ^= 0x01; // one bit of one κ: the file still loads
        Files.write(kappa, bytes);
        Result r = evaluate(modelDir, examples);
        assertThat(r.status()).as(r.err()).isEqualTo(Main.FAILED);
        assertThat(r.err())
                .contains(modelDir + ": file proxy_kappa.npy: SHA-256 ")
                .contains("model_card.json says ");
        assertThat(tmp.resolve("eval/report.json")).doesNotExist();
    }

    @Test
    void evaluatingWithAMissingModelFileFailsNamingIt() throws IOException {
        Path modelDir = copy(model, "model");
        Files.delete(modelDir.resolve("embedder.pt"));
        Result r = evaluate(modelDir, examples);
        assertThat(r.status()).as(r.err()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("file embedder.pt: missing, model_card.json lists it");
    }
}
