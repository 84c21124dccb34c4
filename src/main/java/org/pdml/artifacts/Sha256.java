package org.pdml.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex strings (64 characters), the form manifests store. */
public final class Sha256 {
    private static final int BUFFER = 1 << 16;

    private Sha256() {}

    /**
     * Returns a fresh SHA-256 digest.
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
     * Formats a digest as lower-case hex.
     *
     * @param digest digest bytes
     * @return hex string, two characters per byte
     */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
