package org.pdml.preprocess.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.pdml.util.WireNames;

/**
 * Encodes an RGB image as baseline JPEG at a fixed quality or as PNG. Output bytes are a pure
 * function of the pixels and the settings (no timestamps), so reruns give identical records.
 */
public final class ImageEncoder implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The output encodings. */
    public enum Encoding {
        /** Lossy JPEG (YCbCr 4:2:0), quality 1–100. */
        JPEG,
        /** Lossless PNG. */
        PNG;

        /**
         * Returns the {@code image/format} feature value.
         *
         * @return {@code "jpeg"} or {@code "png"}
         */
        public String formatName() {
            return WireNames.value(this);
        }
    }

    private final Encoding encoding;
    private final int jpegQuality;

    /**
     * Creates an encoder.
     *
     * @param encoding JPEG or PNG
     * @param jpegQuality JPEG quality in [1, 100] (ignored for PNG, but still validated)
     * @throws IllegalArgumentException if the quality is outside [1, 100]
     */
    public ImageEncoder(Encoding encoding, int jpegQuality) {
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException(
                    "jpegQuality must be in [1, 100], got " + jpegQuality);
        }
        this.encoding = encoding;
        this.jpegQuality = jpegQuality;
    }

    /**
     * Returns the encoding.
     *
     * @return JPEG or PNG
     */
    public Encoding encoding() {
        return encoding;
    }

    /**
     * Encodes one image.
     *
     * @param image a TYPE_INT_RGB image
     * @return the encoded file bytes
     * @throws UncheckedIOException if ImageIO fails on an in-memory stream (a JDK defect)
     */
    public byte[] encode(BufferedImage image) {
        ImageWriter writer;
        try {
            writer = ImageIoProviders.writer(encoding.formatName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (encoding == Encoding.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality / 100f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding " + encoding + " in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
