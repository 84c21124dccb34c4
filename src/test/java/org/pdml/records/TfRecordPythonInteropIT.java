package org.pdml.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with a peer implementation: the Python {@code tfrecord} package (and the {@code crc32c} C
 * extension for CRCs) reads shards written here, and shards it writes are read here.
 */
class TfRecordPythonInteropIT {
    private static final Path SCRIPTS = Path.of("src/test/python");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private static String python() {
        String p = System.getProperty("pdml.python");
        assertThat(p).as("system property pdml.python").isNotNull();
        return p;
    }

    private static List<JsonNode> run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("python failed: %s", err).isZero();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static List<ImageRecord> records() {
        List<ImageRecord> out = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            byte[] image = new byte[100 + 37 * i];
            for (int j = 0; j < image.length; j++) {
                image[j] = (byte) (j * 31 + i);
            }
            out.add(
                    new ImageRecord(
                            "id-" + i,
                            ByteString.copyFrom(image),
                            i % 2 == 0 ? "png" : "jpeg",
                            10 + i,
                            20,
                            i % 7,
                            "Klasse " + (i % 7) + " äö",
                            "src/" + i,
                            "train",
                            "all"));
        }
        return out;
    }

    @Test
    void pythonReadsOurShardsPlainAndGzip() throws Exception {
        List<ImageRecord> written = records();
        for (String name :
                List.of("part-00000-of-00001.tfrecord", "part-00000-of-00001.tfrecord.gz")) {
            Path shard = dir.resolve(name);
            try (TfRecordWriter w = TfRecordWriter.open(shard)) {
                for (ImageRecord r : written) {
                    w.write(ImageRecordCodec.encode(r));
                }
            }
            String mode = name.endsWith(".gz") ? "gzip" : "plain";
            List<JsonNode> read =
                    run(SCRIPTS.resolve("read_tfrecord.py").toString(), shard.toString(), mode);
            assertThat(read).hasSize(written.size());
            for (int i = 0; i < written.size(); i++) {
                ImageRecord r = written.get(i);
                JsonNode n = read.get(i);
                assertThat(n.get("id").asText()).isEqualTo(r.id());
                assertThat(n.get("label").asInt()).isEqualTo(r.label());
                assertThat(n.get("text").asText()).isEqualTo(r.classText());
                assertThat(n.get("format").asText()).isEqualTo(r.format());
                assertThat(n.get("height").asInt()).isEqualTo(r.height());
                assertThat(n.get("length").asInt()).isEqualTo(r.encoded().size());
                assertThat(n.get("sha256").asText()).isEqualTo(sha256(r.encodedBytes()));
            }
        }
    }

    @Test
    void weReadPythonWrittenShards() throws Exception {
        Path shard = dir.resolve("py.tfrecord");
        List<JsonNode> written =
                run(SCRIPTS.resolve("write_tfrecord.py").toString(), shard.toString(), "12");
        List<ImageRecord> read = new ArrayList<>();
        try (TfRecordReader reader = TfRecordReader.open(shard)) {
            for (byte[] b = reader.next(); b != null; b = reader.next()) {
                read.add(ImageRecordCodec.decode(b));
            }
        }
        assertThat(read).hasSize(12);
        for (int i = 0; i < 12; i++) {
            assertThat(read.get(i).id()).isEqualTo(written.get(i).get("id").asText());
            assertThat(read.get(i).label()).isEqualTo(written.get(i).get("label").asInt());
            assertThat(sha256(read.get(i).encodedBytes()))
                    .isEqualTo(written.get(i).get("sha256").asText());
            assertThat(read.get(i).split()).isEmpty();
        }
        assertThat(Files.size(shard)).isPositive();
    }
}
