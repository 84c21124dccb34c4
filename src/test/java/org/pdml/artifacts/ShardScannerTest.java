package org.pdml.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.records.ImageRecord;
import org.pdml.records.ImageRecordCodec;
import org.pdml.records.TfRecordWriter;

class ShardScannerTest {
    @TempDir Path out;

    /** Writes a shard whose records carry the given labels and the split of its folder. */
    private Path shard(String relative, int... labels) throws Exception {
        Path file = out.resolve(relative);
        Files.createDirectories(file.getParent());
        String split = relative.substring(0, relative.indexOf('/'));
        try (TfRecordWriter w = TfRecordWriter.open(file)) {
            for (int i = 0; i < labels.length; i++) {
                String id = relative + "#" + i;
                w.write(
                        ImageRecordCodec.encode(
                                new ImageRecord(
                                        id,
                                        ByteString.copyFromUtf8("pixels of " + id),
                                        "png",
                                        2,
                                        3,
                                        labels[i],
                                        "c" + labels[i],
                                        id,
                                        split,
                                        "all")));
            }
        }
        return file;
    }

    /** SHA-256 computed here, independently of {@link Sha256} and {@link HashedShard}. */
    private static String sha256(Path file) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private void assertScan(String relative, Path file, long records) throws Exception {
        ShardScan s = ShardScanner.scan(out, relative);
        assertThat(s.path()).isEqualTo(relative);
        assertThat(s.recordCount()).isEqualTo(records);
        assertThat(s.sha256()).isEqualTo(sha256(file));
        assertThat(s.sizeBytes()).isEqualTo(Files.size(file));
        assertThat(s.problem()).isEmpty();
    }

    @Test
    void countsRecordsAndClassesAndHashesEveryShardInPathOrder() throws Exception {
        Path b = shard("train/part-00001-of-00003.tfrecord", 2, 2, 5);
        Path a = shard("train/part-00000-of-00003.tfrecord", 1, 2);
        Path c = shard("train/part-00002-of-00003.tfrecord");
        Path t = shard("test/part-00000-of-00001.tfrecord", 9, 9, 9, 9);
        ExamplesArtifact artifact = ExamplesArtifact.at(out);

        assertThat(artifact.shardsOnDisk("train"))
                .containsExactly(
                        "train/part-00000-of-00003.tfrecord",
                        "train/part-00001-of-00003.tfrecord",
                        "train/part-00002-of-00003.tfrecord");
        assertThat(artifact.shardsOnDisk("test"))
                .containsExactly("test/part-00000-of-00001.tfrecord");
        assertScan("train/part-00000-of-00003.tfrecord", a, 2);
        assertScan("train/part-00001-of-00003.tfrecord", b, 3);
        assertScan("train/part-00002-of-00003.tfrecord", c, 0);
        assertScan("test/part-00000-of-00001.tfrecord", t, 4);
        Map<Integer, Long> classCounts = new TreeMap<>();
        for (String rel : artifact.allShardsOnDisk()) {
            ShardScanner.scan(out, rel)
                    .labelCounts()
                    .forEach((label, n) -> classCounts.merge(label, n, Long::sum));
        }
        assertThat(classCounts).isEqualTo(Map.of(1, 1L, 2, 3L, 5, 1L, 9, 4L));
    }

    @Test
    void aCorruptByteIsReportedNamingTheShard() throws Exception {
        shard("train/part-00000-of-00002.tfrecord", 1, 2);
        Path bad = shard("train/part-00001-of-00002.tfrecord", 3, 4);
        byte[] bytes = Files.readAllBytes(bad);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(bad, bytes);

        assertThat(ShardScanner.scan(out, "train/part-00000-of-00002.tfrecord").problem())
                .isEmpty();
        List<Problem> problems =
                ShardScanner.scan(out, "train/part-00001-of-00002.tfrecord").problem().stream()
                        .toList();
        assertThat(problems)
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.file()).isEqualTo("train/part-00001-of-00002.tfrecord");
                            assertThat(p.message()).contains("CRC mismatch");
                        });
    }
}
