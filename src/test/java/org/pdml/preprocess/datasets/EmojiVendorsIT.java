package org.pdml.preprocess.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.SourceInfo;
import org.pdml.preprocess.PreparedDataset;
import org.pdml.preprocess.PreprocessSummary;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.testing.StrictPngRun;
import org.pdml.records.ImageRecord;
import org.pdml.records.ImageRecordCodec;
import org.pdml.records.TfRecordReader;

/**
 * End to end on real Emoji-Vendors art: npm pack (cached under .cache/datasets), 100 classes of
 * each half from google and twitter at 64 px, through the Beam pipeline, read back by Java and by
 * the Python {@code tfrecord} package.
 */
class EmojiVendorsIT {
    private static final Path CACHE = Path.of(".cache", "datasets");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    @Test
    void realEmojiSubsetRoundTripsThroughThePipelineAndPythonTfrecord() throws Exception {
        PreparedDataset ds =
                EmojiVendors.build(
                        CACHE,
                        new EmojiVendors.Config(EmojiVendors.Config.defaultVendors(), 100, false),
                        x -> {});
        Map<String, IndexEntry> index =
                ds.entries().stream().collect(Collectors.toMap(IndexEntry::id, e -> e));
        assertThat(ds.classes()).hasSize(200);
        assertThat(ds.entries()).hasSize(400);
        assertThat(ds.sources())
                .extracting(s -> s.name() + " " + s.licence())
                .containsExactly(
                        "emoji-datasource-google Apache-2.0", "emoji-datasource-twitter CC-BY-4.0");

        Path out = tmp.resolve("examples");
        PreprocessSummary s = StrictPngRun.run(ds, out, 64, 2);
        assertThat(s.rejected()).isZero();
        assertThat(s.records()).isEqualTo(400);

        Map<String, String> javaView = new HashMap<>();
        Map<String, String> pythonView = new HashMap<>();
        for (Path shard : shards(out)) {
            try (TfRecordReader r = TfRecordReader.open(shard)) {
                for (byte[] b = r.next(); b != null; b = r.next()) {
                    ImageRecord rec = ImageRecordCodec.decode(b);
                    assertThat(rec.width()).isEqualTo(64);
                    assertThat(rec.height()).isEqualTo(64);
                    assertThat(rec.label()).as(rec.id()).isEqualTo(index.get(rec.id()).label());
                    javaView.put(rec.id(), rec.label() + " " + sha256(rec.encodedBytes()));
                }
            }
            for (JsonNode row : python(shard)) {
                pythonView.put(
                        row.get("id").asText(),
                        row.get("label").asInt() + " " + row.get("sha256").asText());
            }
        }
        assertThat(javaView.keySet()).isEqualTo(index.keySet());
        assertThat(pythonView).isEqualTo(javaView);

        ExamplesManifest m = ExamplesArtifact.at(out).read();
        assertThat(m.getClassesCount()).isEqualTo(200);
        assertThat(m.getSourcesList())
                .extracting(SourceInfo::getSha256)
                .allSatisfy(h -> assertThat(h).hasSize(64));
    }

    /**
     * OpenMoji's SVG art (npm openmoji@17.0.0, rasterised once by Batik) joins google's PNGs: 20
     * classes of each half, through the pipeline, every record decodes and carries a drawing.
     */
    @Test
    void openmojiSvgArtJoinsTheDatasourceVendors() throws Exception {
        List<String> lines = new ArrayList<>();
        PreparedDataset ds =
                EmojiVendors.build(
                        CACHE,
                        new EmojiVendors.Config(
                                List.of(EmojiVendor.GOOGLE, EmojiVendor.OPENMOJI), 20, false),
                        lines::add);
        assertThat(ds.classes()).hasSize(40);
        assertThat(ds.entries()).hasSize(80);
        assertThat(ds.entries().stream().filter(e -> e.id().startsWith("openmoji/")))
                .hasSize(40)
                .allSatisfy(e -> assertThat(e.path()).startsWith("openmoji@17.0.0/png64/"));
        assertThat(ds.sources())
                .extracting(src -> src.name() + " " + src.licence() + " " + src.origin())
                .contains("openmoji CC-BY-SA-4.0 npm pack");

        Path out = tmp.resolve("openmoji");
        PreprocessSummary s = StrictPngRun.run(ds, out, 32, 1);
        assertThat(s.rejected()).isZero();
        assertThat(s.records()).isEqualTo(80);
        int openmoji = 0;
        for (Path shard : shards(out)) {
            try (TfRecordReader r = TfRecordReader.open(shard)) {
                for (byte[] b = r.next(); b != null; b = r.next()) {
                    ImageRecord rec = ImageRecordCodec.decode(b);
                    if (rec.id().startsWith("openmoji/")) {
                        openmoji++;
                        java.awt.image.BufferedImage img =
                                javax.imageio.ImageIO.read(
                                        new java.io.ByteArrayInputStream(rec.encodedBytes()));
                        assertThat(img.getWidth()).isEqualTo(32);
                        assertThat(distinctColours(img)).as(rec.id()).isGreaterThan(3);
                    }
                }
            }
        }
        assertThat(openmoji).isEqualTo(40);
    }

    private static long distinctColours(java.awt.image.BufferedImage img) {
        return java.util.stream.IntStream.range(0, img.getWidth() * img.getHeight())
                .map(i -> img.getRGB(i % img.getWidth(), i / img.getWidth()))
                .distinct()
                .count();
    }

    private static List<Path> shards(Path out) throws Exception {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(f -> f.toString().endsWith(".tfrecord")).sorted().toList();
        }
    }

    private static List<JsonNode> python(Path shard) throws Exception {
        String py = System.getProperty("pdml.python");
        assertThat(py).as("system property pdml.python").isNotNull();
        Process p =
                new ProcessBuilder(py, "src/test/python/read_tfrecord.py", shard.toString())
                        .start();
        byte[] stdout = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("python failed: %s", err).isZero();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : new String(stdout, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
