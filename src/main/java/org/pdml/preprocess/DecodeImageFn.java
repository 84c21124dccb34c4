package org.pdml.preprocess;

import com.google.protobuf.ByteString;
import java.awt.image.BufferedImage;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.pdml.preprocess.image.ImageDecoder;
import org.pdml.preprocess.image.ImageEncoder;
import org.pdml.preprocess.image.ImageResizer;
import org.pdml.preprocess.image.RejectedImageException;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.records.ImageRecord;

/**
 * Decodes, resizes and re-encodes one image and builds its record; a refused image goes to {@link
 * Tags#REJECTS} with its reason, counted per reason.
 */
public final class DecodeImageFn extends DoFn<KV<IndexEntry, byte[]>, ImageRecord> {
    private static final long serialVersionUID = 1L;

    private final ImageDecoder decoder;
    private final ImageResizer resizer;
    private final ImageEncoder encoder;
    private final Counter records =
            Metrics.counter(RejectCounters.NAMESPACE, RejectCounters.RECORDS);
    private transient LiveProgress live;

    /**
     * Creates the function.
     *
     * @param decoder decoder with its pixel limit and background
     * @param resizer shorter-side resizer
     * @param encoder output encoding
     */
    public DecodeImageFn(ImageDecoder decoder, ImageResizer resizer, ImageEncoder encoder) {
        this.decoder = decoder;
        this.resizer = resizer;
        this.encoder = encoder;
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
     * Processes one entry with its bytes.
     *
     * @param element the entry and the file bytes
     * @param out {@link Tags#RECORDS} and {@link Tags#REJECTS}
     */
    @ProcessElement
    public void process(@Element KV<IndexEntry, byte[]> element, MultiOutputReceiver out) {
        IndexEntry entry = element.getKey();
        try {
            BufferedImage image = resizer.resize(decoder.decode(element.getValue(), entry.path()));
            out.get(Tags.RECORDS).output(toRecord(entry, image, encoder.encode(image)));
            records.inc();
            live.recordEncoded();
        } catch (RejectedImageException e) {
            RejectCounters.counter(e.reason()).inc();
            live.entryRejected();
            out.get(Tags.REJECTS)
                    .output(new Reject(entry.path(), entry.id(), e.reason(), e.getMessage()));
        }
    }

    private ImageRecord toRecord(IndexEntry entry, BufferedImage image, byte[] encoded) {
        return new ImageRecord(
                entry.id(),
                ByteString.copyFrom(encoded),
                encoder.encoding().formatName(),
                image.getHeight(),
                image.getWidth(),
                entry.label(),
                entry.className(),
                entry.path(),
                entry.split().wireName(),
                entry.role().wireName());
    }
}
