package org.pdml.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.proto.ClassInfo;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.ShardInfo;
import org.pdml.artifacts.proto.SplitInfo;
import org.pdml.preprocess.ExamplesFolders;
import org.pdml.util.Sha256;

class ExamplesArtifactTest {
    @TempDir Path dir;

    private ExamplesArtifact artifact() {
        return ExamplesArtifact.at(dir);
    }

    @Test
    void manifestDescribesWhatIsOnDisk() throws IOException {
        ExamplesManifest m = ExamplesFixture.create(dir);
        assertThat(artifact().isComplete()).isTrue();
        assertThat(artifact().read()).isEqualTo(m);
        assertThat(m.getSchemaVersion()).isEqualTo(ExamplesArtifact.SCHEMA_VERSION);
        assertThat(m.getSplitsList())
                .extracting(SplitInfo::getName)
                .containsExactly("train", "test");
        assertThat(m.getSplits(0).getRecordCount()).isEqualTo(3 + 2 + 1);
        assertThat(m.getSplits(0).getClassCount()).isEqualTo(3);
        assertThat(m.getSplits(1).getRecordCount()).isEqualTo(2 + 2);
        assertThat(m.getClassesList())
                .extracting(ClassInfo::getLabel, ClassInfo::getCount, ClassInfo::getSplit)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, 3L, "train"),
                        org.assertj.core.groups.Tuple.tuple(1L, 2L, "train"),
                        org.assertj.core.groups.Tuple.tuple(2L, 1L, "train"),
                        org.assertj.core.groups.Tuple.tuple(3L, 2L, "test"),
                        org.assertj.core.groups.Tuple.tuple(4L, 2L, "test"));
        for (SplitInfo s : m.getSplitsList()) {
            assertThat(s.getShardsList())
                    .extracting(ShardInfo::getPath)
                    .containsExactly(
                            s.getName() + "/part-00000-of-00002.tfrecord",
                            s.getName() + "/part-00001-of-00002.tfrecord");
            for (ShardInfo sh : s.getShardsList()) {
                Path f = dir.resolve(sh.getPath());
                assertThat(sh.getSha256()).isEqualTo(Sha256.of(f));
                assertThat(sh.getSizeBytes()).isEqualTo(Files.size(f));
            }
        }
    }

    @Test
    void intactFolderVerifies() throws IOException {
        ExamplesFixture.create(dir);
        VerificationReport r = artifact().verify();
        assertThat(r.problems()).isEmpty();
        assertThat(r.records("train")).isEqualTo(6);
        assertThat(r.labelCounts().get("test")).containsEntry(3, 2L).containsEntry(4, 2L);
    }

    @Test
    void folderWithoutManifestIsIncomplete() throws IOException {
        ExamplesFolders.writeShards(dir, ExamplesFixture.records(), 1, false);
        assertThat(artifact().isComplete()).isFalse();
        assertThatThrownBy(() -> artifact().read())
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("manifest.json");
        assertThat(artifact().verify().problems())
                .singleElement()
                .satisfies(p -> assertThat(p.file()).isEqualTo("manifest.json"));
    }

    /** Offset of the n-th record, walking the framing independently of the reader. */
    private static long recordOffset(byte[] shard, int n) {
        ByteBuffer b = ByteBuffer.wrap(shard).order(ByteOrder.LITTLE_ENDIAN);
        long pos = 0;
        for (int i = 0; i < n; i++) {
            pos += 16 + b.getLong((int) pos);
        }
        return pos;
    }

    @Test
    void flippedByteIsReportedWithShardAndOffset() throws IOException {
        ExamplesManifest m = ExamplesFixture.create(dir);
        String rel = m.getSplits(0).getShards(1).getPath();
        Path shard = dir.resolve(rel);
        byte[] bytes = Files.readAllBytes(shard);
        long second = recordOffset(bytes, 1);
        bytes[(int) second + 30] ^= 1;
        Files.write(shard, bytes);
        List<Problem> problems = artifact().verify().problems();
        assertThat(problems)
                .anySatisfy(
                        p -> {
                            assertThat(p.file()).isEqualTo(rel);
                            assertThat(p.offset()).isEqualTo(second);
                            assertThat(p.message()).contains("data CRC mismatch");
                        });
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).startsWith("SHA-256"));
    }

    @Test
    void truncatedMissingAndUnlistedShardsAreReported() throws IOException {
        ExamplesManifest m = ExamplesFixture.create(dir);
        String cut = m.getSplits(0).getShards(0).getPath();
        byte[] bytes = Files.readAllBytes(dir.resolve(cut));
        Files.write(dir.resolve(cut), Arrays.copyOf(bytes, bytes.length - 3));
        String gone = m.getSplits(1).getShards(0).getPath();
        Files.delete(dir.resolve(gone));
        Files.copy(
                dir.resolve(m.getSplits(1).getShards(1).getPath()),
                dir.resolve("test/part-00002-of-00003.tfrecord"));
        List<String> texts =
                artifact().verify().problems().stream().map(Problem::toString).toList();
        assertThat(texts)
                .anySatisfy(t -> assertThat(t).startsWith(cut + " @ offset ").contains("truncated"))
                .anySatisfy(t -> assertThat(t).startsWith(gone).contains("missing"))
                .anySatisfy(
                        t ->
                                assertThat(t)
                                        .startsWith("test/part-00002-of-00003.tfrecord")
                                        .contains("not in the manifest"));
    }

    @Test
    void countMismatchesInTheManifestAreReported() throws IOException {
        ExamplesManifest m = ExamplesFixture.create(dir);
        ExamplesManifest wrong =
                m.toBuilder().setClasses(1, m.getClasses(1).toBuilder().setCount(7)).build();
        artifact().commit(wrong);
        assertThat(artifact().verify().problems())
                .singleElement()
                .satisfies(
                        p ->
                                assertThat(p.message())
                                        .contains("class 1 (class-1) in train")
                                        .contains("manifest says 7, found 2"));
    }

    @Test
    void commitRefusesShardsThatAreNotThere() throws IOException {
        ExamplesManifest m = ExamplesFixture.create(dir);
        Files.delete(artifact().manifestPath());
        Files.delete(dir.resolve(m.getSplits(0).getShards(0).getPath()));
        assertThatThrownBy(() -> artifact().commit(m))
                .hasMessageContaining("missing shard")
                .hasMessageContaining("part-00000-of-00002");
        assertThat(artifact().isComplete()).isFalse();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("train", "test");
        }
    }

    @Test
    void manifestIsSelfDescribingJson() throws IOException {
        ExamplesFixture.create(dir);
        String json = Files.readString(artifact().manifestPath(), StandardCharsets.UTF_8);
        assertThat(json)
                .contains("\"schemaVersion\": 1")
                .contains("\"dataset\": \"fixture\"")
                .contains("\"rejectedCount\": \"0\"");
    }

    @Test
    void readNamesAMalformedManifest() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(artifact().manifestPath(), "{\"splits\": 3}");
        assertThatThrownBy(() -> artifact().read())
                .hasMessageContaining("malformed manifest")
                .hasMessageContaining(artifact().manifestPath().toString());
    }

    @Test
    void gzipShardsVerifyAndTheirDamageIsReported() throws IOException {
        ExamplesManifest m = ExamplesFixture.create(dir, true);
        assertThat(m.getSplits(0).getShards(0).getPath()).endsWith(".tfrecord.gz");
        assertThat(artifact().verify().problems()).isEmpty();
        assertThat(artifact().verify().records("train")).isEqualTo(6);
        ShardInfo biggest =
                m.getSplits(0).getShards(0).getRecordCount() > 0
                        ? m.getSplits(0).getShards(0)
                        : m.getSplits(0).getShards(1);
        Path shard = dir.resolve(biggest.getPath());
        byte[] bytes = Files.readAllBytes(shard);
        Files.write(shard, Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(artifact().verify().problems())
                .anySatisfy(
                        p -> {
                            assertThat(p.file()).isEqualTo(biggest.getPath());
                            assertThat(p.offset()).isGreaterThanOrEqualTo(0);
                        });
    }
}
