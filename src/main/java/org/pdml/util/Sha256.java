package org.pdml.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one hash of pdml: digests as lower-case hex strings (64 characters, the form
 * manifests, fingerprints and stamps store), and a 64-bit prefix for stable hashing of ids and seed
 * names. Text is always hashed as UTF-8.
 */
public final class Sha256 {
    private static final int BUFFER = 1 << 16;

    private Sha256() {}

    /**
     * Returns a fresh SHA-256 digest, for hashing in pieces; finish it with {@link #hex}.
     *
     * @return the digest
     */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /**
     * Hashes a byte array.
     *
     * @param data the bytes
     * @return lower-case hex SHA-256
     */
    public static String of(byte[] data) {
        return hex(newDigest().digest(data));
    }

    /**
     * Hashes a string's UTF-8 bytes.
     *
     * @param text the text
     * @return lower-case hex SHA-256
     */
    public static String ofUtf8(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Hashes the rest of a stream; the stream is read to its end but not closed.
     *
     * @param in the stream
     * @return lower-case hex SHA-256 of the bytes read
     * @throws IOException if reading fails
     */
    public static String of(InputStream in) throws IOException {
        MessageDigest d = newDigest();
        byte[] buf = new byte[BUFFER];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            d.update(buf, 0, n);
        }
        return hex(d.digest());
    }

    /**
     * Hashes a file's bytes.
     *
     * @param file the file
     * @return lower-case hex SHA-256
     * @throws IOException if the file cannot be read
     */
    public static String of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    /**
     * Returns the first 8 bytes of the SHA-256 of a string's UTF-8 bytes, big-endian: a 64-bit hash
     * that is the same on every JVM and run (unlike {@link String#hashCode}'s spread).
     *
     * @param text the text
     * @return the hash's leading 64 bits as a signed long
     */
    public static long leadingLong(String text) {
        byte[] d = newDigest().digest(text.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(d, 0, Long.BYTES).getLong();
    }

    /**
     * Formats a digest as lower-case hex.
     *
     * @param digest digest bytes
     * @return hex string, two characters per byte
     */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
