package org.pdml.preprocess;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.TFRecordIO;

/**
 * A {@link FileIO.Sink} that writes a whole, already ordered shard (one element) through Beam's
 * {@link TFRecordIO#sink()} framing (length, masked CRC32C, data, masked CRC32C).
 */
final class RecordListSink implements FileIO.Sink<List<byte[]>> {
    private static final long serialVersionUID = 1L;

    private transient TFRecordIO.Sink delegate;

    @Override
    public void open(WritableByteChannel channel) throws IOException {
        delegate = TFRecordIO.sink();
        delegate.open(channel);
    }

    @Override
    public void write(List<byte[]> records) throws IOException {
        for (byte[] record : records) {
            delegate.write(record);
        }
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }
}
