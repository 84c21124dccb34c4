package org.pdml.preprocess.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes image bytes into an sRGB {@link BufferedImage#TYPE_INT_RGB} image, refusing bad input
 * with a typed {@link RejectReason}.
 *
 * <p>Order of checks: empty file, signature, extension, end marker (bytes after a JPEG's EOI are
 * allowed), header size against {@code maxPixels} and {@code maxAspect}, and the resized size
 * against {@link #MAX_RESIZED_SIDE} (all before any pixel is decoded), then decode; a JPEG is then
 * turned upright by its EXIF orientation. CMYK/YCCK JPEG go through the TwelveMonkeys reader;
 * greyscale samples (8 or 16 bit) map to grey levels by plain rescaling to 8 bit; alpha (RGBA or
 * palette) is composited onto {@code background}; GIF yields its first frame. Sources whose shorter
 * side is at least {@code 2 × targetShorterSide × s} are read with source subsampling {@code s}, so
 * large photos never decode at full size. Instances are immutable and thread-safe.
 */
public final class ImageDecoder implements Serializable {
    private static final long serialVersionUID = 1L;

    static {
        // Why: the disk cache is slow and unsafe for concurrent Beam workers.
        ImageIO.setUseCache(false);
    }

    /** The longest side a resized image may have (the JPEG format's limit is 65,535). */
    public static final int MAX_RESIZED_SIDE = 65_500;

    private final long maxPixels;
    private final double maxAspect;
    private final int targetShorterSide;
    private final int background;

    /**
     * Creates a decoder.
     *
     * @param maxPixels largest accepted width × height from the header, > 0
     * @param targetShorterSide the shorter side the caller will resize to, used to choose source
     *     subsampling; 0 disables subsampling
     * @param background RGB (0xRRGGBB) that transparent pixels are composited onto
     * @throws IllegalArgumentException if {@code maxPixels <= 0} or {@code targetShorterSide < 0}
     */
    public ImageDecoder(long maxPixels, int targetShorterSide, int background) {
        this(maxPixels, Double.POSITIVE_INFINITY, targetShorterSide, background);
    }

    /**
     * Creates a decoder that also refuses images wider or taller than {@code maxAspect} times their
     * other side ({@link RejectReason#EXTREME_ASPECT}).
     *
     * @param maxPixels largest accepted width × height from the header, > 0
     * @param maxAspect largest accepted longer side / shorter side, >= 1
     * @param targetShorterSide the shorter side the caller will resize to (0: no resize)
     * @param background RGB (0xRRGGBB) that transparent pixels are composited onto
     * @throws IllegalArgumentException if a limit is out of range
     */
    public ImageDecoder(long maxPixels, double maxAspect, int targetShorterSide, int background) {
        if (maxPixels <= 0 || targetShorterSide < 0 || !(maxAspect >= 1)) {
            throw new IllegalArgumentException(
                    "maxPixels must be > 0, maxAspect >= 1 and targetShorterSide >= 0, got "
                            + maxPixels
                            + ", "
                            + maxAspect
                            + ", "
                            + targetShorterSide);
        }
        this.maxPixels = maxPixels;
        this.maxAspect = maxAspect;
        this.targetShorterSide = targetShorterSide;
        this.background = background & 0xFFFFFF;
    }

    /**
     * Decodes one file.
     *
     * @param bytes the file's bytes
     * @param fileName the file's name or path, for the extension check and messages
     * @return an opaque sRGB image of type {@link BufferedImage#TYPE_INT_RGB}
     * @throws RejectedImageException naming the reason and the file
     */
    public BufferedImage decode(byte[] bytes, String fileName) throws RejectedImageException {
        ImageFormat format = checkContainer(bytes, fileName);
        // Why: the stream ImageIO.createImageInputStream would pick without a disk cache, built
        // directly, without a locked registry walk per image.
        try (ImageInputStream in =
                new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(format, fileName);
            try {
                BufferedImage rgb = toRgb(read(reader, in, format, fileName));
                return format == ImageFormat.JPEG
                        ? ExifOrientation.apply(rgb, JpegSegments.orientation(bytes))
                        : rgb;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new RejectedImageException(
                    isTruncation(e) ? RejectReason.TRUNCATED : RejectReason.CORRUPT,
                    fileName + ": cannot decode " + format + ": " + e,
                    e);
        }
    }

    /**
     * Returns the pixel limit.
     *
     * @return the largest accepted width × height
     */
    public long maxPixels() {
        return maxPixels;
    }

    private static ImageFormat checkContainer(byte[] bytes, String fileName)
            throws RejectedImageException {
        if (bytes.length == 0) {
            throw new RejectedImageException(RejectReason.EMPTY_FILE, fileName + ": zero bytes");
        }
        ImageFormat format =
                ImageFormat.sniff(bytes)
                        .orElseThrow(
                                () ->
                                        new RejectedImageException(
                                                RejectReason.NOT_AN_IMAGE,
                                                fileName + ": no JPEG/PNG/GIF/BMP signature"));
        ImageFormat named = ImageFormat.fromExtension(fileName).orElse(format);
        if (named != format) {
            throw new RejectedImageException(
                    RejectReason.WRONG_EXTENSION,
                    fileName + ": extension names " + named + " but the content is " + format);
        }
        if (!format.hasEndMarker(bytes)) {
            throw new RejectedImageException(
                    RejectReason.TRUNCATED, fileName + ": " + format + " end marker missing");
        }
        return format;
    }

    private static ImageReader readerFor(ImageFormat format, String fileName) throws IOException {
        try {
            return ImageIoProviders.reader(format.imageIoName());
        } catch (IOException e) {
            throw new IOException(e.getMessage() + " (" + fileName + ")", e);
        }
    }

    private BufferedImage read(
            ImageReader reader, ImageInputStream in, ImageFormat format, String fileName)
            throws IOException, RejectedImageException {
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener(
                (source, warning) -> {
                    if (isDataDamage(warning)) {
                        warnings.add(warning);
                    }
                });
        reader.setInput(in, true, true);
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        checkSize(width, height, fileName);
        ImageReadParam param = reader.getDefaultReadParam();
        int step = subsampling(Math.min(width, height));
        if (step > 1) {
            param.setSourceSubsampling(step, step, 0, 0);
        }
        BufferedImage image = reader.read(0, param);
        if (!warnings.isEmpty()) {
            // Why: JPEG decoders warn about damaged data and return partly grey pixels.
            throw new IOException(format + " decoder warnings: " + warnings);
        }
        return image;
    }

    /** Refuses a header size over the limits, or one whose resized size would be too large. */
    private void checkSize(long width, long height, String fileName) throws RejectedImageException {
        if (width * height > maxPixels) {
            throw new RejectedImageException(
                    RejectReason.TOO_MANY_PIXELS,
                    String.format(
                            "%s: %d x %d = %d pixels exceeds the limit %d",
                            fileName, width, height, width * height, maxPixels));
        }
        long shorter = Math.min(width, height);
        long longer = Math.max(width, height);
        if (shorter < 1 || longer > maxAspect * shorter) {
            throw new RejectedImageException(
                    RejectReason.EXTREME_ASPECT,
                    String.format(
                            Locale.ROOT,
                            "%s: %d x %d has an aspect ratio over the limit %s",
                            fileName,
                            width,
                            height,
                            maxAspect));
        }
        double resized = longer * (double) targetShorterSide / shorter;
        if (resized > MAX_RESIZED_SIDE) {
            throw new RejectedImageException(
                    RejectReason.EXTREME_ASPECT,
                    String.format(
                            Locale.ROOT,
                            "%s: %d x %d resized to a %d px shorter side would be %.0f px long"
                                    + " (limit %d)",
                            fileName,
                            width,
                            height,
                            targetShorterSide,
                            resized,
                            MAX_RESIZED_SIDE));
        }
    }

    private int subsampling(long shorterSide) {
        if (targetShorterSide == 0) {
            return 1;
        }
        return (int) Math.max(1, shorterSide / (2L * targetShorterSide));
    }

    private BufferedImage toRgb(BufferedImage source) {
        if (source.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            return greyToRgb(source);
        }
        BufferedImage rgb =
                new BufferedImage(
                        source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(new Color(background));
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /**
     * Maps grey samples by rescaling to 8 bit, without Java2D's linear-grey colour conversion
     * (which would brighten gamma-encoded PNG/JPEG grey), and composites grey+alpha onto the
     * background.
     */
    private BufferedImage greyToRgb(BufferedImage source) {
        Raster raster = source.getRaster();
        int bits = source.getColorModel().getComponentSize(0);
        long maxSample = (1L << bits) - 1;
        boolean alpha = raster.getNumBands() > 1;
        long maxAlpha = alpha ? (1L << source.getColorModel().getComponentSize(1)) - 1 : 1;
        int w = source.getWidth();
        int h = source.getHeight();
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] bg = {background >> 16 & 0xFF, background >> 8 & 0xFF, background & 0xFF};
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double grey = raster.getSample(x, y, 0) * 255.0 / maxSample;
                double a = alpha ? raster.getSample(x, y, 1) / (double) maxAlpha : 1.0;
                int r = (int) Math.round(grey * a + bg[0] * (1 - a));
                int gr = (int) Math.round(grey * a + bg[1] * (1 - a));
                int b = (int) Math.round(grey * a + bg[2] * (1 - a));
                rgb.setRGB(x, y, r << 16 | gr << 8 | b);
            }
        }
        return rgb;
    }

    private static boolean isDataDamage(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        return w.contains("truncated")
                || w.contains("premature")
                || w.contains("corrupt")
                || w.contains("eoi")
                || w.contains("extraneous");
    }

    private static boolean isTruncation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("truncated") || m.contains("premature end")) {
                return true;
            }
        }
        return false;
    }
}
