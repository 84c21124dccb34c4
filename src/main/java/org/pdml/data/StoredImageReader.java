package org.pdml.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads the JPEG and PNG bytes that {@code pdml preprocess} stores, with one ImageIO reader per
 * thread and format. The result is what {@code ImageIO.read} gives for the same bytes (the same
 * reader class, default read parameters, metadata ignored); what it saves is {@code ImageIO.read}'s
 * per-call search of the plug-in registry and the creation of a reader, which cost as much as the
 * decode of a 256 px JPEG (bench/loader). Bytes that are neither JPEG nor PNG by their signature go
 * through {@code ImageIO.read}.
 */
final class StoredImageReader {
    private static final ThreadLocal<Map<String, ImageReader>> READERS =
            ThreadLocal.withInitial(HashMap::new);

    private StoredImageReader() {}

    /**
     * Decodes encoded image bytes.
     *
     * @param bytes a JPEG, PNG or other ImageIO-readable image
     * @return the image, or null when no ImageIO reader accepts the bytes
     * @throws IOException when a reader fails on the bytes
     */
    static BufferedImage read(byte[] bytes) throws IOException {
        String format = formatOf(bytes);
        ImageReader reader = format == null ? null : readerFor(format);
        if (reader == null) {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        }
        try (ImageInputStream in =
                new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            return reader.read(0);
        } finally {
            // A reader keeps its input (and, after a failure, its state) until the next setInput.
            reader.setInput(null);
        }
    }

    /** "jpeg" or "png" from the file signature, else null. */
    static String formatOf(byte[] b) {
        if (b.length >= 3
                && (b[0] & 0xff) == 0xFF
                && (b[1] & 0xff) == 0xD8
                && (b[2] & 0xff) == 0xFF) {
            return "jpeg";
        }
        if (b.length >= 8
                && (b[0] & 0xff) == 0x89
                && b[1] == 'P'
                && b[2] == 'N'
                && b[3] == 'G'
                && b[4] == '\r'
                && b[5] == '\n'
                && (b[6] & 0xff) == 0x1A
                && b[7] == '\n') {
            return "png";
        }
        return null;
    }

    private static ImageReader readerFor(String format) {
        return READERS.get()
                .computeIfAbsent(
                        format,
                        f -> {
                            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(f);
                            return readers.hasNext() ? readers.next() : null;
                        });
    }
}
