package org.pdml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.records.CorruptRecordException;
import org.pdml.records.ImageRecord;
import org.pdml.records.ImageRecordCodec;
import org.pdml.records.TfRecordWriter;

class ShardScannerTest {
    @TempDir Path out;

    /** Writes a shard whose records carry the given labels. */
    private Path shard(String relative, int... labels) throws Exception {
        Path file = out.resolve(relative);
        Files.createDirectories(file.getParent());
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
                                        "train",
                                        "all")));
            }
        }
        return file;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void countsRecordsAndClassesAndHashesEveryShardInPathOrder() throws Exception {
        Path b = shard("train/part-00001-of-00003.tfrecord", 2, 2, 5);
        Path a = shard("train/part-00000-of-00003.tfrecord", 1, 2);
        Path c = shard("train/part-00002-of-00003.tfrecord");
        Path t = shard("test/part-00000-of-00001.tfrecord", 9, 9, 9, 9);

        ShardScanner s = ShardScanner.scan(out.toString(), List.of("train", "test"));

        assertThat(s.shards())
                .containsExactly(
                        new ShardStat(
                                "train/part-00000-of-00003.tfrecord", 2, sha256(a), Files.size(a)),
                        new ShardStat(
                                "train/part-00001-of-00003.tfrecord", 3, sha256(b), Files.size(b)),
                        new ShardStat(
                                "train/part-00002-of-00003.tfrecord", 0, sha256(c), Files.size(c)),
                        new ShardStat(
                                "test/part-00000-of-00001.tfrecord", 4, sha256(t), Files.size(t)));
        assertThat(s.classCounts()).isEqualTo(Map.of(1, 1L, 2, 3L, 5, 1L, 9, 4L));
    }

    @Test
    void aCorruptByteFailsTheScanNamingTheShard() throws Exception {
        shard("train/part-00000-of-00002.tfrecord", 1, 2);
        Path bad = shard("train/part-00001-of-00002.tfrecord", 3, 4);
        byte[] bytes = Files.readAllBytes(bad);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(bad, bytes);

        assertThatThrownBy(() -> ShardScanner.scan(out.toString(), List.of("train")))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("train/part-00001-of-00002.tfrecord");
    }
}
