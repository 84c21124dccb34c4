package org.pdml.artifacts;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.zip.GZIPInputStream;
import org.pdml.records.ShardName;
import org.pdml.records.ShardNames;
import org.pdml.records.TfRecordReader;
import org.pdml.util.Sha256;

/**
 * One shard opened for a single pass: every byte the TFRecord reader consumes also feeds a SHA-256
 * digest, so the records and the file's hash come from the same read. Use {@link #reader()} once,
 * then {@link #finish()}; close it.
 */
final class HashedShard implements Closeable {
    private final DigestInputStream raw;
    private final ShardName name;
    private final String relativePath;
    private final long size;

    private HashedShard(DigestInputStream raw, ShardName name, String relativePath, long size) {
        this.raw = raw;
        this.name = name;
        this.relativePath = relativePath;
        this.size = size;
    }

    /**
     * Opens a shard.
     *
     * @param examplesDir the examples folder
     * @param relativePath {@code <split>/part-...}, as a manifest lists it
     * @return the open shard
     * @throws IllegalArgumentException if the path is not a shard name
     * @throws IOException if the file cannot be opened
     */
    static HashedShard open(Path examplesDir, String relativePath) throws IOException {
        ShardName name = ShardNames.parse(relativePath);
        Path file = examplesDir.resolve(relativePath);
        long size = Files.size(file);
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return new HashedShard(
                new DigestInputStream(in, Sha256.newDigest()), name, relativePath, size);
    }

    /** Returns the parsed shard name. */
    ShardName name() {
        return name;
    }

    /** Returns the file's size in bytes when it was opened. */
    long size() {
        return size;
    }

    /**
     * Returns a reader over the shard's records, GZIP-decompressing a {@code .gz} shard; its errors
     * name the shard by its relative path. Call once.
     *
     * @return the reader (closing it closes the shard)
     * @throws IOException if the GZIP header is bad ({@code ZipException} or {@code EOFException})
     */
    TfRecordReader reader() throws IOException {
        if (name.gzip()) {
            return new TfRecordReader(new GZIPInputStream(raw, 1 << 16), relativePath);
        }
        // A known size lets a damaged length be reported before allocating its buffer.
        return new TfRecordReader(raw, relativePath, size);
    }

    /**
     * Reads whatever bytes the records left (a GZIP trailer, trailing garbage) and returns the
     * SHA-256 of the whole file.
     *
     * @return 64 lower-case hex digits
     * @throws IOException if reading fails
     */
    String finish() throws IOException {
        raw.transferTo(OutputStream.nullOutputStream());
        return Sha256.hex(raw.getMessageDigest().digest());
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
