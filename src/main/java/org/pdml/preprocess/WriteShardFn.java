package org.pdml.preprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TFRecordIO;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;

/**
 * Writes one whole, already ordered shard ({@code KV<relative path, records>}) to {@code
 * <output>/<relative path>} through Beam {@link FileSystems} (local or {@code gs://}) with {@link
 * TFRecordIO#sink()} framing (length, masked CRC32C, data, masked CRC32C). Why not {@code FileIO}:
 * its temp-file, gather and rename steps cost more than the writes at this scale, and a shard's
 * bytes are a pure function of its records, so a retried bundle rewrites the same bytes; the
 * manifest, written last, is the commit marker.
 */
final class WriteShardFn extends DoFn<KV<String, List<byte[]>>, Void> {
    private static final long serialVersionUID = 1L;

    private final String output;

    /**
     * @param output examples folder (local or {@code gs://})
     */
    WriteShardFn(String output) {
        this.output = output;
    }

    @ProcessElement
    public void process(@Element KV<String, List<byte[]>> shard) {
        ResourceId file =
                FileSystems.matchNewResource(output, true)
                        .resolve(shard.getKey(), StandardResolveOptions.RESOLVE_FILE);
        try (WritableByteChannel channel = FileSystems.create(file, MimeTypes.BINARY)) {
            TFRecordIO.Sink sink = TFRecordIO.sink();
            sink.open(channel);
            for (byte[] record : shard.getValue()) {
                sink.write(record);
            }
            sink.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write shard " + file, e);
        }
    }
}
