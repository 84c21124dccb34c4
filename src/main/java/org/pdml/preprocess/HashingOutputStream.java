package org.pdml.preprocess;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import org.pdml.util.Sha256;

/**
 * Passes bytes through to a stream while counting them and hashing them with SHA-256, so that a
 * shard's manifest entry (size, hash) comes from the bytes as they are written, without reading the
 * file back. Not thread-safe.
 */
final class HashingOutputStream extends FilterOutputStream {
    private final MessageDigest sha256;
    private long bytes;

    /**
     * @param out the destination, closed by {@link #close}
     */
    HashingOutputStream(OutputStream out) {
        super(out);
        this.sha256 = Sha256.newDigest();
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
        bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha256.update(b, off, len);
        bytes += len;
    }

    /**
     * @return bytes written so far
     */
    long bytes() {
        return bytes;
    }

    /**
     * Finishes the hash; call once, after the last write.
     *
     * @return lower-case hex SHA-256 of every byte written
     */
    String sha256Hex() {
        return Sha256.hex(sha256.digest());
    }
}
