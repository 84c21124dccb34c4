package org.pdml.records;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Writes TFRecord framing: for each record, the uint64 little-endian length, the masked CRC32C of
 * those 8 length bytes, the data, and the masked CRC32C of the data (all CRCs uint32
 * little-endian). Output is readable by TensorFlow's {@code TFRecordDataset}, the Python {@code
 * tfrecord} package and {@link TfRecordReader}. Not thread-safe.
 */
public final class TfRecordWriter implements Closeable {
    /** Bytes of framing around each record: 8 length + 4 length CRC + 4 data CRC. */
    public static final int FRAMING_BYTES = 16;

    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer footer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    private long records;
    private long bytes;

    /**
     * Frames records onto a stream; the writer owns the stream and closes it.
     *
     * @param out destination (already compressed if compression is wanted)
     */
    public TfRecordWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Creates (or truncates) a shard file, GZIP-compressed when its name ends with {@code .gz}.
     *
     * @param path the shard file; its parent folder must exist
     * @return a writer that owns the file
     * @throws IOException if the file cannot be created
     */
    public static TfRecordWriter open(Path path) throws IOException {
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        if (path.getFileName().toString().endsWith(".gz")) {
            return new TfRecordWriter(new GZIPOutputStream(file, 1 << 16));
        }
        return new TfRecordWriter(file);
    }

    /**
     * Appends one framed record.
     *
     * @param data the record payload (e.g. a serialized tf.Example)
     * @throws IOException if the stream fails
     */
    public void write(byte[] data) throws IOException {
        header.clear();
        header.putLong(data.length);
        header.putInt(Crc32c.masked(header.array(), 0, 8));
        out.write(header.array(), 0, 12);
        out.write(data);
        footer.clear();
        footer.putInt(Crc32c.masked(data, 0, data.length));
        out.write(footer.array(), 0, 4);
        records++;
        bytes += FRAMING_BYTES + (long) data.length;
    }

    /**
     * Returns how many records were written.
     *
     * @return record count so far
     */
    public long recordCount() {
        return records;
    }

    /**
     * Returns the uncompressed framed size written so far.
     *
     * @return bytes, framing included, before any compression
     */
    public long uncompressedBytes() {
        return bytes;
    }

    /**
     * Flushes and closes the underlying stream (finishing the GZIP trailer if any).
     *
     * @throws IOException if the stream fails
     */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
