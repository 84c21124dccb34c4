package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.ManifestJson;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.ShardInfo;
import org.pdml.artifacts.proto.SplitInfo;
import org.pdml.pipeline.PreprocessNode;
import org.pdml.pipeline.RunFolder;
import org.pdml.preprocess.ExamplesMirror;
import org.pdml.testing.GcsBucket;

/**
 * {@code pdml run} with a {@code gs://} {@code data.output}, against a real GCS emulator
 * (fake-gcs-server on 127.0.0.1): the shards go to the bucket, a verified local copy in the stage
 * folder is what training and evaluation read, and a shard that differs from its manifest is
 * refused.
 */
class RunOnGcsIT {
    private static final String BUCKET = "pdml-run-it";
    private static final String CONFIG = "configs/smoke/emoji-vendors-tiny.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension static final GcsBucket gcs = new GcsBucket(BUCKET);

    @TempDir Path tmp;

    @Test
    void runWritesShardsToGcsAndTrainsOnAVerifiedLocalCopy() throws IOException {
        String remote = "gs://" + BUCKET + "/run-examples";
        String first = pdml("run", overrides(remote, "runs_root=" + tmp.resolve("runs")));
        assertThat(first).contains("mirrored " + remote);
        Path runFolder = runFolder(first);
        JsonNode stages = JSON.readTree(runFolder.resolve(RunFolder.STAGES).toFile());
        Path mirror = Path.of(stages.get("preprocess").get("output").asText());
        assertThat(mirror)
                .isEqualTo(
                        Path.of(stages.get("preprocess").get("dir").asText())
                                .resolve(PreprocessNode.MIRROR));
        ExamplesManifest m = sameBytesAsTheBucket(mirror, "run-examples/");
        assertThat(m.getSplitsList().stream().mapToLong(SplitInfo::getRecordCount).sum())
                .isEqualTo(80); // 20 classes per half, 2 halves, one image from each of 2 vendors
        assertThat(runFolder.resolve("eval/report.json")).exists();

        String again = pdml("run", overrides(remote, "runs_root=" + tmp.resolve("runs")));
        assertThat(again).contains("preprocess: reusing").doesNotContain("mirroring");
    }

    @Test
    void aShardThatDiffersFromTheManifestIsRefusedAndNothingIsCommitted() throws IOException {
        String remote = "gs://" + BUCKET + "/tampered";
        pdml(
                "preprocess",
                "--config",
                CONFIG,
                "data.output=" + remote,
                beam(),
                "data.max_classes_per_split=5");
        PipelineOptions options =
                PipelineOptionsFactory.fromArgs(gcs.beamOptions().toArray(String[]::new)).create();
        ExamplesManifest m = ExamplesMirror.copy(remote, tmp.resolve("ok"), options, s -> {});
        sameBytesAsTheBucket(tmp.resolve("ok"), "tampered/");

        ShardInfo shard = m.getSplits(0).getShards(0);
        BlobId blob = BlobId.of(BUCKET, "tampered/" + shard.getPath());
        byte[] bytes = gcs.storage().readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        gcs.storage().create(BlobInfo.newBuilder(blob).build(), bytes);

        Path local = tmp.resolve("bad");
        assertThatThrownBy(() -> ExamplesMirror.copy(remote, local, options, s -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(shard.getPath())
                .hasMessageContaining("differs from its manifest")
                .hasMessageContaining(shard.getSha256());
        assertThat(local.resolve("manifest.json")).doesNotExist();
    }

    /** The smoke config on 20 classes per half, writing to {@code remote}, one epoch. */
    private static String[] overrides(String remote, String... extra) {
        List<String> args = new ArrayList<>();
        args.addAll(List.of("--config", CONFIG, "data.output=" + remote, beam()));
        args.addAll(List.of("data.max_classes_per_split=20", "train.epochs=1"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static String beam() {
        return "data.beam=[" + String.join(",", gcs.beamOptions()) + "]";
    }

    private static String pdml(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        return Cli.ok(all.toArray(String[]::new)).out();
    }

    private static Path runFolder(String out) {
        int at = out.indexOf("run folder: ");
        return Path.of(out.substring(at + 12, out.indexOf('\n', at)).trim());
    }

    /**
     * Checks that the local copy's manifest, rejects and every listed shard hold the bucket's bytes
     * under {@code prefix}; returns the manifest.
     */
    private static ExamplesManifest sameBytesAsTheBucket(Path local, String prefix)
            throws IOException {
        List<String> files = new ArrayList<>(List.of("manifest.json", "rejects.jsonl"));
        ExamplesManifest m =
                ManifestJson.parse(
                                Files.readString(local.resolve("manifest.json")),
                                ExamplesManifest.newBuilder())
                        .build();
        m.getSplitsList().forEach(s -> s.getShardsList().forEach(sh -> files.add(sh.getPath())));
        assertThat(files).hasSizeGreaterThan(2);
        for (String f : files) {
            byte[] remote = gcs.storage().readAllBytes(BlobId.of(BUCKET, prefix + f));
            assertThat(Files.readAllBytes(local.resolve(f))).as(f).isEqualTo(remote);
        }
        return m;
    }
}
