package org.pdml.records;

import java.io.IOException;

/**
 * A TFRecord shard is damaged: a CRC mismatch, an impossible length, or a truncated record.
 *
 * <p>The message always names the shard and the byte offset of the record's first length byte (in
 * the uncompressed stream for {@code .gz} shards).
 */
public final class CorruptRecordException extends IOException {
    private final String shard;
    private final long offset;

    /**
     * Creates the exception.
     *
     * @param shard the shard's path or name, as given to the reader
     * @param offset byte offset of the start of the damaged record
     * @param reason what is wrong, e.g. "data CRC mismatch"
     */
    public CorruptRecordException(String shard, long offset, String reason) {
        super("corrupt TFRecord shard " + shard + " at byte offset " + offset + ": " + reason);
        this.shard = shard;
        this.offset = offset;
    }

    /**
     * Returns the shard's path or name.
     *
     * @return the shard, as given to the reader
     */
    public String shard() {
        return shard;
    }

    /**
     * Returns the byte offset of the damaged record.
     *
     * @return offset of its first length byte
     */
    public long offset() {
        return offset;
    }
}
