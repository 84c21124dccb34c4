package org.pdml.preprocess;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.pdml.util.CrashPoints;

/**
 * Builds one shard from its planned entries ({@code KV<relative path, [entries in id order]>}, the
 * plan grouped by shard path, one list per shard): each entry is read ({@link EntryReader}),
 * decoded, resized and re-encoded ({@link RecordMaker}) and its record streamed to {@code
 * <output>/<relative path>} through Beam {@link FileSystems} (local or {@code gs://}) with {@link
 * TfRecordWriter}'s framing (length, masked CRC32C, data, masked CRC32C); a refused entry goes to
 * {@link Tags#REJECTS} with its reason. The shard's size, SHA-256, record count and class counts
 * are taken from the bytes as they are written and reported through {@link WrittenShards}. Outputs
 * {@code KV<relative path, records written>} on {@link Tags#SHARDS}.
 *
 * <p>Why not {@code FileIO}: its temp-file, gather and rename steps cost more than the writes at
 * this scale, and a shard's bytes are a pure function of its entries and files, so a retried bundle
 * rewrites the same bytes; the manifest, written last, is the commit marker. Memory is one image at
 * a time.
 */
final class BuildShardFn extends DoFn<KV<String, Iterable<List<IndexEntry>>>, KV<String, Long>> {
    private static final long serialVersionUID = 1L;

    /**
     * Images per task on the image workers: enough that the hand-offs between threads (a few
     * microseconds each) are negligible against the image work, few enough that the last shard's
     * work still spreads over every core.
     */
    private static final int CHUNK = 16;

    /** Tasks in flight per shard, per image worker thread. */
    private static final int WINDOW_PER_THREAD = 2;

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
        ResourceId path =
                FileSystems.matchNewResource(output, true)
                        .resolve(shard.getKey(), StandardResolveOptions.RESOLVE_FILE);
        Map<Integer, Long> classCounts = new TreeMap<>();
        // Why not TFRecordIO's sink: it issues three channel writes per record and computes
        // CRC32C in Java, where TfRecordWriter buffers and uses the JDK's intrinsic CRC32C.
        try {
            HashingOutputStream file =
                    new HashingOutputStream(
                            Channels.newOutputStream(FileSystems.create(path, MimeTypes.BINARY)));
            long written;
            try (TfRecordWriter writer =
                    new TfRecordWriter(new BufferedOutputStream(file, 1 << 16))) {
                written = writeAll(shard.getValue(), writer, classCounts, out);
            }
            ShardStat stat = new ShardStat(shard.getKey(), written, file.sha256Hex(), file.bytes());
            WrittenShards.write(output, new WrittenShard(stat, classCounts));
            CrashPoints.reach("pipeline");
            out.get(Tags.SHARDS).output(KV.of(shard.getKey(), written));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write shard " + path, e);
        }
    }

    /**
     * Writes every accepted entry's record in id order, counting them per label; returns the count.
     * The images are read and re-encoded on {@link ImageWorkers} ({@link InOrderWork}); records,
     * rejects and counters are handled here, on the bundle's thread, as Beam requires.
     */
    private long writeAll(
            Iterable<List<IndexEntry>> lists,
            TfRecordWriter writer,
            Map<Integer, Long> classCounts,
            MultiOutputReceiver out)
            throws IOException {
        long[] written = {0};
        InOrderWork<List<IndexEntry>, List<Outcome>> work =
                new InOrderWork<>(ImageWorkers.pool(), WINDOW_PER_THREAD * ImageWorkers.threads());
        work.run(
                chunks(lists),
                chunk -> chunk.stream().map(this::outcomeOf).toList(),
                (chunk, outcomes) -> {
                    for (int i = 0; i < chunk.size(); i++) {
                        IndexEntry entry = chunk.get(i);
                        Outcome outcome = outcomes.get(i);
                        entries.inc();
                        live.entryRead();
                        if (outcome.rejection() == null) {
                            writer.write(outcome.record());
                            records.inc();
                            live.recordEncoded();
                            classCounts.merge(entry.label(), 1L, Long::sum);
                            written[0]++;
                        } else {
                            reject(entry, outcome.rejection(), out);
                        }
                    }
                });
        return written[0];
    }

    /** The shard's entries, in order, cut into runs of at most {@link #CHUNK}. */
    private static List<List<IndexEntry>> chunks(Iterable<List<IndexEntry>> lists) {
        List<List<IndexEntry>> chunks = new ArrayList<>();
        for (List<IndexEntry> list : lists) {
            for (int i = 0; i < list.size(); i += CHUNK) {
                chunks.add(list.subList(i, Math.min(list.size(), i + CHUNK)));
            }
        }
        return chunks;
    }

    /** An entry's serialized record, or why it was refused. */
    private record Outcome(byte[] record, RejectedImageException rejection) {}

    /** Runs on an image worker: read, decode, resize, encode, serialize. */
    private Outcome outcomeOf(IndexEntry entry) {
        try {
            return new Outcome(
                    ImageRecordCodec.encode(maker.make(entry, reader.read(entry))), null);
        } catch (RejectedImageException e) {
            return new Outcome(null, e);
        }
    }

    private void reject(IndexEntry entry, RejectedImageException e, MultiOutputReceiver out) {
        RejectCounters.counter(e.reason()).inc();
        live.entryRejected();
        out.get(Tags.REJECTS)
                .output(new Reject(entry.path(), entry.id(), e.reason(), e.getMessage()));
    }
}
