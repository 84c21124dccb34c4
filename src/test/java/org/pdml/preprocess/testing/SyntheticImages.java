package org.pdml.preprocess.testing;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Generates real image files of every kind the decoder must handle, as bytes. */
public final class SyntheticImages {
    private SyntheticImages() {}

    /**
     * A smooth RGB gradient, {@code r = 4x mod 256, g = 4y mod 256, b = 77}.
     *
     * @param w width
     * @param h height
     * @return the image
     */
    public static BufferedImage gradient(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 4 & 0xFF) << 16 | (y * 4 & 0xFF) << 8 | 77);
            }
        }
        return img;
    }

    /**
     * Writes an image with ImageIO.
     *
     * @param img the image
     * @param format ImageIO format name
     * @return the file bytes
     */
    public static byte[] write(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A 16×16 Adobe JPEG, left half cyan (C=100%), right half white (no ink).
     *
     * @param ycck true for Adobe transform 2 (YCCK), false for transform 0 (plain CMYK)
     * @return the JPEG bytes with an APP14 Adobe marker
     */
    public static byte[] adobeCmykJpeg(boolean ycck) {
        WritableRaster r =
                java.awt.image.Raster.createInterleavedRaster(
                        DataBuffer.TYPE_BYTE, 16, 16, 4, null);
        // Adobe stores inverted CMYK (255 = no ink); YCCK stores YCbCr of the ink amounts (C, M,
        // Y) and the inverted K. Both conventions were checked against the TwelveMonkeys reader.
        int[] cyan = ycck ? ycc(255, 0, 0, 255) : new int[] {0, 255, 255, 255};
        int[] white = ycck ? ycc(0, 0, 0, 255) : new int[] {255, 255, 255, 255};
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                r.setPixel(x, y, x < 8 ? cyan : white);
            }
        }
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(bo)) {
            w.setOutput(ios);
            w.write(null, new IIOImage(r, null, null), w.getDefaultWriteParam());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            w.dispose();
        }
        return insertAdobeMarker(bo.toByteArray(), ycck ? 2 : 0);
    }

    private static int[] ycc(int r, int g, int b, int k) {
        long y = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
        long cb = Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
        long cr = Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
        return new int[] {(int) y, (int) Math.min(255, cb), (int) Math.min(255, cr), k};
    }

    private static byte[] insertAdobeMarker(byte[] jpeg, int transform) {
        byte[] app14 = {
            (byte) 0xFF,
            (byte) 0xEE,
            0,
            14,
            'A',
            'd',
            'o',
            'b',
            'e',
            0,
            100,
            0,
            0,
            0,
            0,
            (byte) transform
        };
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + app14.length);
        out.put(jpeg, 0, 2).put(app14).put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /**
     * A 16-bit greyscale PNG filled with one sample value.
     *
     * @param w width
     * @param h height
     * @param sample 16-bit sample
     * @return the PNG bytes
     */
    public static byte[] grey16Png(int w, int h, int sample) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, sample);
            }
        }
        return write(img, "png");
    }

    /**
     * An 8-bit greyscale image filled with one value.
     *
     * @param w width
     * @param h height
     * @param value grey level
     * @return the image (TYPE_BYTE_GRAY)
     */
    public static BufferedImage grey8(int w, int h, int value) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, value);
            }
        }
        return img;
    }

    /**
     * A palette PNG of three 4-pixel-wide columns: index 0 fully transparent black, index 1 opaque
     * red, index 2 blue with alpha 128.
     *
     * @return the PNG bytes (12×4)
     */
    public static byte[] paletteAlphaPng() {
        byte[] reds = {0, (byte) 255, 0};
        byte[] greens = {0, 0, 0};
        byte[] blues = {0, 0, (byte) 255};
        byte[] alphas = {0, (byte) 255, (byte) 128};
        IndexColorModel cm = new IndexColorModel(2, 3, reds, greens, blues, alphas);
        BufferedImage img = new BufferedImage(12, 4, BufferedImage.TYPE_BYTE_INDEXED, cm);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 12; x++) {
                r.setSample(x, y, 0, x / 4);
            }
        }
        return write(img, "png");
    }

    /**
     * A two-frame GIF: the first frame red, the second green.
     *
     * @return the GIF bytes (8×8)
     */
    public static byte[] twoFrameGif() {
        ImageWriter w = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(bo)) {
            w.setOutput(ios);
            w.prepareWriteSequence(null);
            w.writeToSequence(new IIOImage(filled(8, 8, 0xFF0000), null, null), null);
            w.writeToSequence(new IIOImage(filled(8, 8, 0x00FF00), null, null), null);
            w.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            w.dispose();
        }
        return bo.toByteArray();
    }

    /**
     * A uniformly coloured RGB image.
     *
     * @param w width
     * @param h height
     * @param rgb colour 0xRRGGBB
     * @return the image
     */
    public static BufferedImage filled(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    /**
     * A PNG whose header claims {@code w × h} pixels but whose data is a single empty IDAT chunk: a
     * decompression-bomb stand-in that only a header check can refuse cheaply.
     *
     * @param w claimed width
     * @param h claimed height
     * @return the PNG bytes (signature, IHDR, IDAT, IEND, with valid CRCs)
     */
    public static byte[] bombPng(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h);
        ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        out.writeBytes(chunk("IHDR", ihdr.array()));
        out.writeBytes(chunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0, 0, 0, 1}));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(t)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }
}
