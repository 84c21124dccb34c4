package org.pdml.records;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Streams records out of TFRecord framing, verifying both the length CRC and the data CRC of every
 * record. Any damage (CRC mismatch, negative or oversized length, a file that ends inside a record)
 * throws {@link CorruptRecordException} naming the shard and the record's byte offset. A file that
 * ends exactly at a record boundary is the normal end. Not thread-safe.
 */
public final class TfRecordReader implements Closeable {
    /** Largest payload accepted; Java arrays cannot hold more. */
    public static final long MAX_RECORD_BYTES = Integer.MAX_VALUE - 16L;

    private final InputStream in;
    private final String shard;
    private final long size;
    private final byte[] header = new byte[12];
    private final byte[] footer = new byte[4];
    private long position;
    private long recordOffset = -1;
    private long records;

    /**
     * Reads framing from a stream (already decompressed); the reader owns the stream.
     *
     * @param in source of framed bytes
     * @param shard the shard's name or path, used in error messages
     */
    public TfRecordReader(InputStream in, String shard) {
        this(in, shard, -1);
    }

    /**
     * Reads framing from a stream of known length; the reader owns the stream.
     *
     * @param in source of framed bytes
     * @param shard the shard's name or path, used in error messages
     * @param size the stream's length in bytes (a length field that runs past it is reported as
     *     truncation before its buffer is allocated), or -1 when unknown
     */
    public TfRecordReader(InputStream in, String shard, long size) {
        this.in = Objects.requireNonNull(in, "in");
        this.shard = Objects.requireNonNull(shard, "shard");
        this.size = size;
    }

    /**
     * Opens a shard file, GZIP-decompressing when its name ends with {@code .gz}.
     *
     * @param path the shard file
     * @return a reader that owns the file; errors name {@code path}
     * @throws IOException if the file cannot be opened (or its GZIP header is bad)
     */
    public static TfRecordReader open(Path path) throws IOException {
        InputStream file = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        try {
            if (path.getFileName().toString().endsWith(".gz")) {
                return new TfRecordReader(new GZIPInputStream(file, 1 << 16), path.toString());
            }
        } catch (IOException e) {
            file.close();
            throw e;
        }
        // A known size lets a damaged length be reported before allocating its buffer.
        return new TfRecordReader(file, path.toString(), Files.size(path));
    }

    /**
     * Reads the next record.
     *
     * @return the payload, or {@code null} at a clean end of the shard
     * @throws CorruptRecordException on a CRC mismatch, a bad length or truncation
     * @throws IOException if the stream fails
     */
    public byte[] next() throws IOException {
        long start = position;
        int got = readFully(header, 12);
        if (got == 0) {
            return null;
        }
        if (got < 12) {
            throw new CorruptRecordException(shard, start, "truncated record header");
        }
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long length = h.getLong(0);
        if (h.getInt(8) != Crc32c.masked(header, 0, 8)) {
            throw new CorruptRecordException(shard, start, "length CRC mismatch");
        }
        if (length < 0 || length > MAX_RECORD_BYTES) {
            throw new CorruptRecordException(shard, start, "impossible record length " + length);
        }
        if (size >= 0 && start + TfRecordWriter.FRAMING_BYTES + length > size) {
            throw new CorruptRecordException(
                    shard,
                    start,
                    "truncated record (length " + length + ", file " + size + " bytes)");
        }
        byte[] data = new byte[(int) length];
        if (readFully(data, data.length) < data.length || readFully(footer, 4) < 4) {
            throw new CorruptRecordException(
                    shard, start, "truncated record (length " + length + ")");
        }
        int stored = ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (stored != Crc32c.masked(data, 0, data.length)) {
            throw new CorruptRecordException(shard, start, "data CRC mismatch");
        }
        recordOffset = start;
        records++;
        return data;
    }

    /**
     * Returns where the record last returned by {@link #next()} starts.
     *
     * @return byte offset of its length field (uncompressed stream), or -1 before the first
     */
    public long recordOffset() {
        return recordOffset;
    }

    /**
     * Returns how many records were read and verified.
     *
     * @return count so far
     */
    public long recordCount() {
        return records;
    }

    /**
     * Returns the position after the last byte consumed.
     *
     * @return bytes consumed from the (uncompressed) stream
     */
    public long position() {
        return position;
    }

    private int readFully(byte[] buf, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(buf, total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        position += total;
        return total;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
