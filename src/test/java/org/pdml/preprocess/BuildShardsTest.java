package org.pdml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.preprocess.image.ImageDecoder;
import org.pdml.preprocess.image.ImageEncoder;
import org.pdml.preprocess.image.ImageResizer;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Role;
import org.pdml.preprocess.index.Split;
import org.pdml.preprocess.testing.SyntheticImages;
import org.pdml.records.ImageRecord;
import org.pdml.records.ImageRecordCodec;
import org.pdml.records.TfRecordReader;

class BuildShardsTest {
    @TempDir Path dir;

    private IndexEntry entry(String id, String file, int label, byte[] bytes) throws IOException {
        Files.createDirectories(dir.resolve("src/x"));
        Files.write(dir.resolve("src/x").resolve(file), bytes);
        return new IndexEntry(id, "x/" + file, label, "k" + label, Split.TRAIN, Role.ALL);
    }

    @Test
    void buildsEveryShardFromItsPlanAndRoutesBadImagesToRejects() throws Exception {
        List<IndexEntry> entries = new ArrayList<>();
        entries.add(
                entry(
                        "wide",
                        "wide.png",
                        3,
                        SyntheticImages.write(SyntheticImages.gradient(64, 32), "png")));
        entries.add(entry("cmyk", "cmyk.jpg", 5, SyntheticImages.adobeCmykJpeg(false)));
        entries.add(entry("gif", "a.gif", 1, SyntheticImages.twoFrameGif()));
        entries.add(entry("empty", "e.png", 1, new byte[0]));
        entries.add(entry("text", "t.jpg", 1, "plain text".getBytes()));
        entries.add(new IndexEntry("gone", "x/gone.png", 1, "k1", Split.TRAIN, Role.ALL));
        entries.add(new IndexEntry("alien", "x/wide.png", 9, "k9", Split.TRAIN, Role.ALL));
        List<KV<String, List<IndexEntry>>> plan = ShardPlan.of(entries, 3, Set.of(Split.TRAIN));
        String out = dir.resolve("out").toString();
        TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
        PCollectionTuple built = p.apply(new BuildShards(plan, out, reader(), maker()));
        List<KV<String, Long>> expected = new ArrayList<>();
        plan.forEach(shard -> expected.add(KV.of(shard.getKey(), goodIn(shard))));
        PAssert.that(built.get(Tags.SHARDS)).containsInAnyOrder(expected);
        PAssert.that(
                        built.get(Tags.REJECTS)
                                .apply(
                                        "Reasons",
                                        MapElements.into(TypeDescriptors.strings())
                                                .via((Reject r) -> r.id() + ":" + r.reason())))
                .containsInAnyOrder(
                        "empty:EMPTY_FILE",
                        "text:NOT_AN_IMAGE",
                        "gone:MISSING_FILE",
                        "alien:UNKNOWN_LABEL");
        p.run().waitUntilFinish();

        List<String> written = new ArrayList<>();
        for (KV<String, List<IndexEntry>> shard : plan) {
            List<ImageRecord> records = readShard(Path.of(out).resolve(shard.getKey()));
            records.forEach(BuildShardsTest::checkPixels);
            records.forEach(r -> written.add(describe(r)));
            List<String> ids = records.stream().map(ImageRecord::id).toList();
            assertThat(ids).isSorted();
        }
        assertThat(written)
                .containsExactlyInAnyOrder(
                        "wide 32x16 label=3 k3 png",
                        "cmyk 16x16 label=5 k5 png",
                        "gif 16x16 label=1 k1 png");
    }

    private static long goodIn(KV<String, List<IndexEntry>> shard) {
        Set<String> good = Set.of("wide", "cmyk", "gif");
        return shard.getValue().stream().filter(e -> good.contains(e.id())).count();
    }

    private EntryReader reader() {
        return new EntryReader(dir.resolve("src").toString(), Map.of(1, "k1", 3, "k3", 5, "k5"));
    }

    private static RecordMaker maker() {
        return new RecordMaker(
                new ImageDecoder(1_000_000L, 16, 0xFFFFFF),
                new ImageResizer(16),
                new ImageEncoder(ImageEncoder.Encoding.PNG, 90));
    }

    private static List<ImageRecord> readShard(Path shard) throws IOException {
        List<ImageRecord> records = new ArrayList<>();
        try (TfRecordReader in = TfRecordReader.open(shard)) {
            for (byte[] bytes = in.next(); bytes != null; bytes = in.next()) {
                records.add(ImageRecordCodec.decode(bytes));
            }
        }
        return records;
    }

    private static String describe(ImageRecord r) {
        return String.format(
                "%s %dx%d label=%d %s %s",
                r.id(), r.width(), r.height(), r.label(), r.classText(), r.format());
    }

    /** The stored PNG must decode to the declared size; the GIF's first frame is red. */
    private static void checkPixels(ImageRecord r) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.encodedBytes()));
            assertThat(img.getWidth()).isEqualTo(r.width());
            assertThat(img.getHeight()).isEqualTo(r.height());
            if (r.id().equals("gif")) {
                assertThat(img.getRGB(8, 8) & 0xFFFFFF).isEqualTo(0xFF0000);
            }
            assertThat(r.source()).startsWith("x/");
            assertThat(r.split()).isEqualTo("train");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
