package org.pdml.preprocess;

import com.google.protobuf.ByteString;
import java.awt.image.BufferedImage;
import java.io.Serializable;
import org.pdml.preprocess.image.ImageDecoder;
import org.pdml.preprocess.image.ImageEncoder;
import org.pdml.preprocess.image.ImageResizer;
import org.pdml.preprocess.image.RejectReason;
import org.pdml.preprocess.image.RejectedImageException;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.records.ImageRecord;

/** Decodes, resizes and re-encodes one image and builds its record. */
public final class RecordMaker implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ImageDecoder decoder;
    private final ImageResizer resizer;
    private final ImageEncoder encoder;

    /**
     * Creates the maker.
     *
     * @param decoder decoder with its pixel limit and background
     * @param resizer shorter-side resizer
     * @param encoder output encoding
     */
    public RecordMaker(ImageDecoder decoder, ImageResizer resizer, ImageEncoder encoder) {
        this.decoder = decoder;
        this.resizer = resizer;
        this.encoder = encoder;
    }

    /**
     * Makes the record of one entry.
     *
     * @param entry the index entry (id, label, class, split, role, source path)
     * @param bytes the file's bytes
     * @return the record, holding the re-encoded image and its size in pixels
     * @throws RejectedImageException with the reason when the bytes are not a usable image, or
     *     {@link RejectReason#UNENCODABLE} when resizing or encoding the decoded image fails (so
     *     that one image never stops a run)
     */
    public ImageRecord make(IndexEntry entry, byte[] bytes) throws RejectedImageException {
        BufferedImage decoded = decoder.decode(bytes, entry.path());
        BufferedImage image;
        byte[] encoded;
        try {
            image = resizer.resize(decoded);
            encoded = encoder.encode(image);
        } catch (RuntimeException e) {
            throw new RejectedImageException(
                    RejectReason.UNENCODABLE,
                    String.format(
                            "%s: %d x %d: cannot resize and encode: %s",
                            entry.path(), decoded.getWidth(), decoded.getHeight(), rootCause(e)),
                    e);
        }
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

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
