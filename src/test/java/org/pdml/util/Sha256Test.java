package org.pdml.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FIPS 180-2 test vectors. */
class Sha256Test {
    private static final String ABC =
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void hashesBytesStreamsAndFiles(@TempDir Path dir) throws Exception {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(Sha256.of(abc)).isEqualTo(ABC);
        assertThat(Sha256.of(new ByteArrayInputStream(abc))).isEqualTo(ABC);
        Path f = dir.resolve("f");
        Files.write(f, abc);
        assertThat(Sha256.of(f)).isEqualTo(ABC);
        assertThat(Sha256.of(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void hashesStreamsLongerThanTheBuffer() throws Exception {
        byte[] a = new byte[1_000_000];
        java.util.Arrays.fill(a, (byte) 'a');
        assertThat(Sha256.of(new ByteArrayInputStream(a)))
                .isEqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    @Test
    void hashesTextAsUtf8() {
        assertThat(Sha256.ofUtf8("abc")).isEqualTo(ABC);
        assertThat(Sha256.ofUtf8("é")).isEqualTo(Sha256.of(new byte[] {(byte) 0xc3, (byte) 0xa9}));
    }

    @Test
    void leadingLongIsTheDigestsFirstEightBytesBigEndian() {
        assertThat(Sha256.leadingLong("abc")).isEqualTo(0xba7816bf8f01cfeaL);
    }
}
