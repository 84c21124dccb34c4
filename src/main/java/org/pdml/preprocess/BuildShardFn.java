package org.pdml.preprocess;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;
import org.pdml.preprocess.image.RejectedImageException;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.records.ImageRecordCodec;
import org.pdml.records.TfRecordWriter;

/**
 * Builds one shard from its planned entries ({@code KV<relative path, [entries in id order]>}, the
 * plan grouped by shard path, one list per shard): each entry is read ({@link EntryReader}),
 * decoded, resized and re-encoded ({@link RecordMaker}) and its record streamed to {@code
 * <output>/<relative path>} through Beam {@link FileSystems} (local or {@code gs://}) with {@link
 * TfRecordWriter}'s framing (length, masked CRC32C, data, masked CRC32C); a refused entry goes to
 * {@link Tags#REJECTS} with its reason. Outputs {@code KV<relative path, records written>} on
 * {@link Tags#SHARDS}.
 *
 * <p>Why not {@code FileIO}: its temp-file, gather and rename steps cost more than the writes at
 * this scale, and a shard's bytes are a pure function of its entries and files, so a retried bundle
 * rewrites the same bytes; the manifest, written last, is the commit marker. Memory is one image at
 * a time.
 */
final class BuildShardFn extends DoFn<KV<String, Iterable<List<IndexEntry>>>, KV<String, Long>> {
    private static final long serialVersionUID = 1L;

    private final String output;
    private final EntryReader reader;
    private final RecordMaker maker;
    private final Counter entries =
            Metrics.counter(RejectCounters.NAMESPACE, RejectCounters.ENTRIES);
    private final Counter records =
            Metrics.counter(RejectCounters.NAMESPACE, RejectCounters.RECORDS);
    private transient LiveProgress live;

    /**
     * @param output examples folder (local or {@code gs://})
     * @param reader label and path checks, file reads
     * @param maker decode, resize, encode, record
     */
    BuildShardFn(String output, EntryReader reader, RecordMaker maker) {
        this.output = output;
        this.reader = reader;
        this.maker = maker;
    }

    /**
     * Looks up the run's live progress counts.
     *
     * @param c the bundle context
     */
    @StartBundle
    public void startBundle(StartBundleContext c) {
        live = LiveProgress.of(c.getPipelineOptions());
    }

    /**
     * Builds and writes one shard.
     *
     * @param shard the shard's relative path and its entries, in id order
     * @param out {@link Tags#SHARDS} and {@link Tags#REJECTS}
     */
    @ProcessElement
    public void process(
            @Element KV<String, Iterable<List<IndexEntry>>> shard, MultiOutputReceiver out) {
        ResourceId file =
                FileSystems.matchNewResource(output, true)
                        .resolve(shard.getKey(), StandardResolveOptions.RESOLVE_FILE);
        long written = 0;
        // Why not TFRecordIO's sink: it issues three channel writes per record and computes
        // CRC32C in Java, where TfRecordWriter buffers and uses the JDK's intrinsic CRC32C.
        try (TfRecordWriter writer =
                new TfRecordWriter(
                        new BufferedOutputStream(
                                Channels.newOutputStream(
                                        FileSystems.create(file, MimeTypes.BINARY)),
                                1 << 16))) {
            for (List<IndexEntry> entries : shard.getValue()) {
                for (IndexEntry entry : entries) {
                    byte[] record = recordOf(entry, out);
                    if (record != null) {
                        writer.write(record);
                        written++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write shard " + file, e);
        }
        out.get(Tags.SHARDS).output(KV.of(shard.getKey(), written));
    }

    /** The serialized record, or null when the entry was refused (and sent to rejects). */
    private byte[] recordOf(IndexEntry entry, MultiOutputReceiver out) {
        entries.inc();
        live.entryRead();
        try {
            byte[] record = ImageRecordCodec.encode(maker.make(entry, reader.read(entry)));
            records.inc();
            live.recordEncoded();
            return record;
        } catch (RejectedImageException e) {
            RejectCounters.counter(e.reason()).inc();
            live.entryRejected();
            out.get(Tags.REJECTS)
                    .output(new Reject(entry.path(), entry.id(), e.reason(), e.getMessage()));
            return null;
        }
    }
}
