package org.pdml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WrittenShardsTest {
    @TempDir Path tmp;

    private static WrittenShard shard(String path, long records, Map<Integer, Long> counts) {
        return new WrittenShard(new ShardStat(path, records, "ab".repeat(32), 1234), counts);
    }

    @Test
    void hashingStreamCountsAndHashesEveryByteLikeADigestOfTheWhole() throws Exception {
        byte[] data = new byte[100_003];
        new Random(7).nextBytes(data);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        HashingOutputStream h = new HashingOutputStream(sink);
        h.write(data, 0, 10);
        h.write(data[10]);
        h.write(data, 11, data.length - 11);
        h.close();
        assertThat(sink.toByteArray()).isEqualTo(data);
        assertThat(h.bytes()).isEqualTo(data.length);
        assertThat(h.sha256Hex())
                .isEqualTo(
                        HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    }

    @Test
    void reportsRoundTripThroughTheirTextAndCollectSumsTheClasses() throws Exception {
        WrittenShard a = shard("train/part-00000-of-00002.tfrecord", 3, Map.of(2, 1L, 10, 2L));
        WrittenShard b = shard("train/part-00001-of-00002.tfrecord", 0, Map.of());
        WrittenShard c = shard("test/part-00000-of-00001.tfrecord", 4, Map.of(10, 4L));
        assertThat(WrittenShard.parse(a.toText(), "x")).isEqualTo(a);
        String out = tmp.resolve("out").toString();
        for (WrittenShard s : List.of(a, b, c)) {
            WrittenShards.write(out, s);
        }
        WrittenShards all =
                WrittenShards.collect(
                        out,
                        List.of(
                                c.stat().relativePath(),
                                a.stat().relativePath(),
                                b.stat().relativePath()));
        assertThat(all.shards()).containsExactly(c.stat(), a.stat(), b.stat());
        assertThat(all.classCounts()).isEqualTo(Map.of(2, 1L, 10, 6L));
        assertThat(tmp.resolve("out").resolve(WrittenShards.FOLDER)).doesNotExist();
    }

    @Test
    void aMissingReportNamesItsShard() throws Exception {
        String out = tmp.resolve("out").toString();
        WrittenShards.write(out, shard("train/part-00000-of-00002.tfrecord", 1, Map.of(1, 1L)));
        assertThatThrownBy(
                        () ->
                                WrittenShards.collect(
                                        out,
                                        List.of(
                                                "train/part-00000-of-00002.tfrecord",
                                                "train/part-00001-of-00002.tfrecord")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("train/part-00001-of-00002.tfrecord")
                .hasMessageContaining("no writer's report");
    }

    @Test
    void aMalformedReportNamesItsFileAndLine() throws Exception {
        String text = shard("t/part-00000-of-00001.tfrecord", 1, Map.of(1, 1L)).toText();
        assertThatThrownBy(() -> WrittenShard.parse(text.replace("records\t1", "records\tx"), "f"))
                .hasMessage("f:3: not a number: 'x'");
        assertThatThrownBy(() -> WrittenShard.parse(text + "junk\n", "f"))
                .hasMessageContaining("f:7: expected a label line");
        assertThatThrownBy(() -> WrittenShard.parse("hello", "f")).hasMessageContaining("f:1:");
        Path report =
                tmp.resolve("out")
                        .resolve(WrittenShards.FOLDER)
                        .resolve("t.part-00000-of-00001.tfrecord.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, text.replace("path\tt/", "path\tu/"));
        assertThatThrownBy(
                        () ->
                                WrittenShards.collect(
                                        tmp.resolve("out").toString(),
                                        List.of("t/part-00000-of-00001.tfrecord")))
                .hasMessageContaining("reports shard u/part-00000-of-00001.tfrecord");
    }
}
