package org.pdml.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfRecordFramingTest {
    @TempDir Path dir;

    private static final List<byte[]> PAYLOADS =
            List.of(
                    "first".getBytes(StandardCharsets.UTF_8),
                    new byte[0],
                    "third record, a bit longer".getBytes(StandardCharsets.UTF_8));

    private Path write(String name) throws IOException {
        Path p = dir.resolve(name);
        try (TfRecordWriter w = TfRecordWriter.open(p)) {
            for (byte[] b : PAYLOADS) {
                w.write(b);
            }
            assertThat(w.recordCount()).isEqualTo(3);
        }
        return p;
    }

    private static List<byte[]> readAll(Path p) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (TfRecordReader r = TfRecordReader.open(p)) {
            for (byte[] b = r.next(); b != null; b = r.next()) {
                out.add(b);
            }
        }
        return out;
    }

    @Test
    void framingIsLengthCrcDataCrc() throws IOException {
        byte[] file = Files.readAllBytes(write("a.tfrecord"));
        int total = PAYLOADS.stream().mapToInt(b -> b.length + 16).sum();
        assertThat(file).hasSize(total);
        ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(buf.getLong(0)).isEqualTo(5);
        assertThat(buf.getInt(8)).isEqualTo(Crc32c.masked(file, 0, 8));
        assertThat(Arrays.copyOfRange(file, 12, 17)).isEqualTo(PAYLOADS.get(0));
        assertThat(buf.getInt(17)).isEqualTo(Crc32c.masked(file, 12, 5));
    }

    @Test
    void roundTripsPlainAndGzip() throws IOException {
        for (String name : List.of("a.tfrecord", "a.tfrecord.gz")) {
            List<byte[]> back = readAll(write(name));
            assertThat(back).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(back.get(i)).isEqualTo(PAYLOADS.get(i));
            }
        }
        byte[] gz = Files.readAllBytes(dir.resolve("a.tfrecord.gz"));
        assertThat(gz[0] & 0xff).isEqualTo(0x1f);
        assertThat(gz[1] & 0xff).isEqualTo(0x8b);
    }

    @Test
    void reportsRecordOffsets() throws IOException {
        try (TfRecordReader r = TfRecordReader.open(write("a.tfrecord"))) {
            r.next();
            assertThat(r.recordOffset()).isZero();
            r.next();
            assertThat(r.recordOffset()).isEqualTo(21);
            r.next();
            assertThat(r.recordOffset()).isEqualTo(37);
            assertThat(r.next()).isNull();
            assertThat(r.recordCount()).isEqualTo(3);
        }
    }

    private void assertCorruptAt(Path p, long offset, String reason) {
        assertThatThrownBy(() -> readAll(p))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining(p.toString())
                .hasMessageContaining("offset " + offset)
                .hasMessageContaining(reason)
                .satisfies(
                        e -> assertThat(((CorruptRecordException) e).offset()).isEqualTo(offset));
    }

    private Path flip(int position) throws IOException {
        Path p = write("flip" + position + ".tfrecord");
        byte[] b = Files.readAllBytes(p);
        b[position] ^= 0x10;
        Files.write(p, b);
        return p;
    }

    @Test
    void detectsAFlippedByteInEveryPartOfARecord() throws IOException {
        // Third record starts at 37: length 37..44, length CRC 45..48, data 49..74, CRC 75..78.
        assertCorruptAt(flip(37), 37, "length CRC mismatch");
        assertCorruptAt(flip(46), 37, "length CRC mismatch");
        assertCorruptAt(flip(60), 37, "data CRC mismatch");
        assertCorruptAt(flip(78), 37, "data CRC mismatch");
        assertCorruptAt(flip(2), 0, "length CRC mismatch");
    }

    @Test
    void detectsTruncation() throws IOException {
        byte[] b = Files.readAllBytes(write("t.tfrecord"));
        for (int cut : new int[] {b.length - 1, b.length - 10, 40}) {
            Path p = dir.resolve("cut" + cut + ".tfrecord");
            Files.write(p, Arrays.copyOf(b, cut));
            assertCorruptAt(p, 37, "truncated");
        }
    }

    @Test
    void emptyFileHasNoRecords() throws IOException {
        Path p = dir.resolve("empty.tfrecord");
        Files.write(p, new byte[0]);
        assertThat(readAll(p)).isEmpty();
    }
}
