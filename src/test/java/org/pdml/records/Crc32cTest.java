package org.pdml.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc32cTest {

    private static byte[] filled(int value) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] ramp(boolean up) {
        byte[] b = new byte[32];
        for (int i = 0; i < 32; i++) {
            b[i] = (byte) (up ? i : 31 - i);
        }
        return b;
    }

    /** RFC 3720 appendix B.4 iSCSI CRC32C test patterns. */
    @Test
    void matchesRfc3720Vectors() {
        assertThat(Crc32c.checksum(filled(0), 0, 32)).isEqualTo(0x8A9136AA);
        assertThat(Crc32c.checksum(filled(0xff), 0, 32)).isEqualTo(0x62A8AB43);
        assertThat(Crc32c.checksum(ramp(true), 0, 32)).isEqualTo(0x46DD794E);
        assertThat(Crc32c.checksum(ramp(false), 0, 32)).isEqualTo(0x113FDB5C);
    }

    @Test
    void matchesTheCheckValue() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc32c.checksum(b, 0, b.length)).isEqualTo(0xE3069283);
    }

    /**
     * Masked values produced by the Python {@code tfrecord} package's {@code
     * TFRecordWriter.masked_crc} (crc32c C extension + its own mask), run once by hand.
     */
    @Test
    void maskedFormMatchesThePythonTfrecordWriter() {
        assertThat(Crc32c.masked(filled(0), 0, 32)).isEqualTo(0x0fd7fffa);
        assertThat(Crc32c.masked(filled(0xff), 0, 32)).isEqualTo(0xf909b029);
        assertThat(Crc32c.masked(ramp(true), 0, 32)).isEqualTo(0x951f7892);
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc32c.masked(b, 0, b.length)).isEqualTo(0xc78ab0e5);
    }

    @Test
    void maskOfZeroIsTheDelta() {
        assertThat(Crc32c.mask(0)).isEqualTo(0xa282ead8);
    }

    @Test
    void unmaskInvertsMask() {
        for (int crc : new int[] {0, 1, -1, 0x8A9136AA, 0x80000000, 0x7fffffff}) {
            assertThat(Crc32c.unmask(Crc32c.mask(crc))).isEqualTo(crc);
        }
    }

    @Test
    void honoursTheRange() {
        byte[] b = new byte[40];
        System.arraycopy(ramp(true), 0, b, 5, 32);
        assertThat(Crc32c.checksum(b, 5, 32)).isEqualTo(0x46DD794E);
    }
}
