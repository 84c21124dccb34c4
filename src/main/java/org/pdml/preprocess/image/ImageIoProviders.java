package org.pdml.preprocess.image;

import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;

/**
 * The first ImageIO reader and writer provider of each format, looked up once per JVM. Asking
 * {@link ImageIO} per image walks its service registry under a lock, which serialises concurrent
 * Beam workers (bench/preprocess: a plain two-thread loop gained only 1.16× over one thread).
 */
final class ImageIoProviders {
    private static final ConcurrentMap<String, ImageReaderSpi> READERS = new ConcurrentHashMap<>();
    private static final ConcurrentMap<String, ImageWriterSpi> WRITERS = new ConcurrentHashMap<>();

    private ImageIoProviders() {}

    /**
     * A new reader for a format, from the provider {@link ImageIO#getImageReadersByFormatName}
     * lists first.
     *
     * @param format ImageIO format name ("png", "jpeg", ...)
     * @return a fresh reader; the caller disposes it
     * @throws IOException if no provider reads the format
     */
    static ImageReader reader(String format) throws IOException {
        ImageReaderSpi spi = READERS.computeIfAbsent(format, ImageIoProviders::firstReader);
        if (spi == null) {
            throw new IOException("no ImageIO reader for " + format);
        }
        return spi.createReaderInstance();
    }

    /**
     * A new writer for a format, from the provider {@link ImageIO#getImageWritersByFormatName}
     * lists first.
     *
     * @param format ImageIO format name
     * @return a fresh writer; the caller disposes it
     * @throws IOException if no provider writes the format
     */
    static ImageWriter writer(String format) throws IOException {
        ImageWriterSpi spi = WRITERS.computeIfAbsent(format, ImageIoProviders::firstWriter);
        if (spi == null) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return spi.createWriterInstance();
    }

    private static ImageReaderSpi firstReader(String format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            return null;
        }
        ImageReader reader = readers.next();
        reader.dispose();
        return reader.getOriginatingProvider();
    }

    private static ImageWriterSpi firstWriter(String format) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            return null;
        }
        ImageWriter writer = writers.next();
        writer.dispose();
        return writer.getOriginatingProvider();
    }
}
