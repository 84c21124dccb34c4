package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.ManifestJson;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.SplitInfo;
import org.pdml.pipeline.PreprocessNode;
import org.pdml.preprocess.testing.SyntheticImages;
import org.pdml.provenance.Seeds;
import org.pdml.testing.GcsBucket;

/**
 * {@code pdml preprocess} with a {@code gs://} source and output, against a real GCS emulator
 * (fake-gcs-server on 127.0.0.1) reached through Beam's own GCS filesystem ({@code --gcsEndpoint}):
 * the index is read from the bucket, the image bytes too, and shards, rejects and manifest are
 * written there, equal to a run on local disk.
 */
class PreprocessGcsIT {
    private static final String BUCKET = "pdml-it";

    @RegisterExtension static final GcsBucket gcs = new GcsBucket(BUCKET);

    @TempDir Path tmp;

    @Test
    void csvDatasetOnGcsGivesTheSameExamplesAsOnLocalDisk() throws Exception {
        Path data = csvDataset(tmp.resolve("data"));
        upload(data, "csv/");
        Path localOut = tmp.resolve("out");
        String gcsOut = "gs://" + BUCKET + "/examples";
        assertThat(preprocess("csv", data.toString(), localOut.toString())).isZero();
        assertThat(preprocess("csv", "gs://" + BUCKET + "/csv", gcsOut)).isZero();

        Map<String, byte[]> local = localFiles(localOut);
        Map<String, byte[]> remote = download("examples/");
        assertThat(remote.keySet())
                .isEqualTo(local.keySet())
                .contains("manifest.json", "rejects.jsonl");
        List<String> shards = local.keySet().stream().filter(f -> f.endsWith(".tfrecord")).toList();
        assertThat(shards).hasSize(4);
        shards.forEach(f -> assertThat(remote.get(f)).as(f).isEqualTo(local.get(f)));
        assertThat(rejects(remote))
                .isEqualTo(rejects(local))
                .containsExactly("c1/corrupt.jpg:CORRUPT", "c3/missing.jpg:MISSING_FILE");
        ExamplesManifest lm = manifest(local);
        ExamplesManifest rm = manifest(remote);
        assertThat(rm.getSplitsList().stream().mapToLong(SplitInfo::getRecordCount).sum())
                .isEqualTo(8);
        assertThat(comparable(rm)).isEqualTo(comparable(lm));
        assertThat(rm.getSources(0).getOrigin()).isEqualTo("user-supplied: gs://pdml-it/csv");

        // The bucket now holds a complete run: refused without --overwrite, replaced with it.
        assertThat(preprocess("csv", "gs://" + BUCKET + "/csv", gcsOut)).isNotZero();
        assertThat(preprocess("csv", "gs://" + BUCKET + "/csv", gcsOut, "--overwrite")).isZero();
        Map<String, byte[]> again = download("examples/");
        shards.forEach(f -> assertThat(again.get(f)).as(f).isEqualTo(local.get(f)));
    }

    @Test
    void imageFolderOnGcsIsListedThroughBeamFileSystems() throws Exception {
        Path data = tmp.resolve("folder");
        for (int c = 0; c < 4; c++) {
            Path dir = Files.createDirectories(data.resolve("class" + c));
            for (int i = 0; i <= c; i++) {
                Files.write(
                        dir.resolve("img" + i + ".png"),
                        SyntheticImages.write(SyntheticImages.gradient(20 + i, 30), "png"));
            }
        }
        upload(data, "folder/");
        assertThat(preprocess("folder", "gs://" + BUCKET + "/folder", "gs://" + BUCKET + "/f-out"))
                .isZero();
        ExamplesManifest m = manifest(download("f-out/"));
        // 4 classes, sorted by name: the first two train (1 + 2 images), the last two test (3 + 4).
        assertThat(m.getSplitsList())
                .extracting(SplitInfo::getName, SplitInfo::getRecordCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("train", 3L),
                        org.assertj.core.groups.Tuple.tuple("test", 7L));
    }

    /**
     * The route {@code pdml run} takes: the stage's options come from the config's data section,
     * {@code data.beam} included ({@code PreprocessRequest.of}), with no {@code --beam} flag. Its
     * fingerprint reads the index from the bucket through the same options.
     */
    @Test
    void aConfigsDataBeamOptionsReachGcsAsPdmlRunPassesThem() throws Exception {
        Path data = csvDataset(tmp.resolve("data"));
        upload(data, "cfg/");
        Path out = tmp.resolve("cfg-out");
        Path config = tmp.resolve("gcs.yaml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "name: gcs-it",
                        "seed: 1",
                        "tracking: {mode: off}",
                        "data:",
                        "  dataset: csv",
                        "  source: gs://" + BUCKET + "/cfg",
                        "  output: " + out,
                        "  image_size: 16",
                        "  num_shards: 2",
                        "  val_fraction: 0.0",
                        "  max_reject_fraction: 1.0",
                        "  beam: [" + String.join(", ", gcs.beamOptions()) + "]",
                        "model: {embedding_dim: 8}",
                        "train: {epochs: 1}",
                        ""));

        Cli.ok("preprocess", "--config", config.toString());
        ExamplesManifest m =
                ManifestJson.parse(
                                Files.readString(out.resolve("manifest.json")),
                                ExamplesManifest.newBuilder())
                        .build();
        assertThat(m.getSplitsList().stream().mapToLong(SplitInfo::getRecordCount).sum())
                .isEqualTo(8);
        assertThat(m.getRejectedCount()).isEqualTo(2);

        var resolved = org.pdml.config.ConfigLoader.load(config, List.of());
        PreprocessNode node =
                new PreprocessNode(resolved.config(), new Seeds(resolved.config().seed()));
        assertThat(node.fingerprint(Map.of())).isEqualTo(node.fingerprint(Map.of()));
    }

    private int preprocess(String dataset, String source, String output, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "preprocess",
                                "--dataset",
                                dataset,
                                "--source",
                                source,
                                "--output",
                                output,
                                "--image-size",
                                "16",
                                "--num-shards",
                                "2",
                                "--max-reject-fraction",
                                "1"));
        args.addAll(Arrays.asList(extra));
        if (source.startsWith("gs://")) {
            gcs.beamOptions().forEach(o -> args.add("--beam=" + o));
        }
        return Cli.run(args.toArray(String[]::new)).status();
    }

    /** Four classes of real JPEG and PNG images, one corrupt file and one missing path. */
    private static Path csvDataset(Path root) throws IOException {
        StringBuilder index = new StringBuilder("path,label\n");
        for (int c = 0; c < 4; c++) {
            Path dir = Files.createDirectories(root.resolve("c" + c));
            for (int i = 0; i < 2; i++) {
                String format = i == 0 ? "jpeg" : "png";
                String name = "img" + i + (i == 0 ? ".jpg" : ".png");
                Files.write(
                        dir.resolve(name),
                        SyntheticImages.write(
                                SyntheticImages.filled(24 + c, 20 + i, 0x203040 * (c + 1)),
                                format));
                index.append("c").append(c).append('/').append(name).append(",c").append(c);
                index.append('\n');
            }
        }
        byte[] corrupt = SyntheticImages.write(SyntheticImages.gradient(40, 30), "jpeg");
        Arrays.fill(corrupt, 200, 260, (byte) 0xFF);
        Files.write(root.resolve("c1/corrupt.jpg"), corrupt);
        index.append("c1/corrupt.jpg,c1\nc3/missing.jpg,c3\n");
        Files.writeString(root.resolve("index.csv"), index.toString());
        return root;
    }

    private static void upload(Path dir, String prefix) throws IOException {
        for (Map.Entry<String, byte[]> f : localFiles(dir).entrySet()) {
            gcs.storage()
                    .create(
                            BlobInfo.newBuilder(BlobId.of(BUCKET, prefix + f.getKey())).build(),
                            f.getValue());
        }
    }

    private static Map<String, byte[]> download(String prefix) {
        Map<String, byte[]> out = new TreeMap<>();
        for (Blob b :
                gcs.storage().list(BUCKET, Storage.BlobListOption.prefix(prefix)).iterateAll()) {
            out.put(b.getName().substring(prefix.length()), b.getContent());
        }
        return out;
    }

    private static Map<String, byte[]> localFiles(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static TreeSet<String> rejects(Map<String, byte[]> files) {
        TreeSet<String> out = new TreeSet<>();
        for (String line :
                new String(files.get("rejects.jsonl"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                var r = org.pdml.preprocess.RejectJson.parse(line);
                out.add(r.id() + ":" + r.reason());
            }
        }
        return out;
    }

    private static ExamplesManifest manifest(Map<String, byte[]> files) throws IOException {
        return ManifestJson.parse(
                        new String(files.get("manifest.json"), StandardCharsets.UTF_8),
                        ExamplesManifest.newBuilder())
                .build();
    }

    /** Drops what legitimately differs: the creation time and the source location. */
    private static ExamplesManifest comparable(ExamplesManifest m) {
        return m.toBuilder().clearCreatedAt().clearSources().build();
    }
}
