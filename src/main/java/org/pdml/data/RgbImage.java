package org.pdml.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.WritableRaster;

/**
 * A decoded 8-bit RGB image, row-major, interleaved: {@code rgb[3·(y·width + x) + c]} holds channel
 * c ∈ {R, G, B} of pixel (x, y) as 0–255.
 *
 * @param width W in pixels
 * @param height H in pixels
 * @param rgb the samples, length 3·W·H, as unsigned bytes
 */
public record RgbImage(int width, int height, byte[] rgb) {

    /** Validates the sizes. */
    public RgbImage {
        if (width <= 0 || height <= 0 || rgb.length != 3L * width * height) {
            throw new IllegalArgumentException(
                    "RgbImage "
                            + width
                            + "x"
                            + height
                            + " needs "
                            + 3L * width * height
                            + " samples, got "
                            + rgb.length);
        }
    }

    /**
     * Converts a decoded image (any type; alpha is ignored) to RGB samples: {@code getRGB}'s
     * values. A plain {@code TYPE_3BYTE_BGR} image (what ImageIO decodes a colour JPEG to) is
     * copied from its raster with B and R swapped, which is the same values at a tenth of {@code
     * getRGB}'s cost; its sRGB colour model makes {@code getRGB} the identity on each sample.
     */
    public static RgbImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (isPlainBgr(image)) {
            byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            byte[] rgb = new byte[3 * w * h];
            for (int i = 0; i < rgb.length; i += 3) {
                rgb[i] = bgr[i + 2];
                rgb[i + 1] = bgr[i + 1];
                rgb[i + 2] = bgr[i];
            }
            return new RgbImage(w, h, rgb);
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[3 * w * h];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >>> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >>> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return new RgbImage(w, h, rgb);
    }

    /**
     * Whether the image is a whole (not a sub-image) {@code TYPE_3BYTE_BGR} raster: samples B, G, R
     * interleaved, rows packed, from offset 0 of its own buffer.
     */
    private static boolean isPlainBgr(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            return false;
        }
        WritableRaster raster = image.getRaster();
        return raster.getParent() == null
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel m
                && m.getPixelStride() == 3
                && m.getScanlineStride() == 3 * image.getWidth()
                && java.util.Arrays.equals(m.getBandOffsets(), new int[] {2, 1, 0})
                && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0
                && raster.getDataBuffer().getOffset() == 0
                && raster.getDataBuffer().getSize() == 3 * image.getWidth() * image.getHeight();
    }

    /** Returns channel c of pixel (x, y) as 0–255. */
    public int sample(int x, int y, int c) {
        return rgb[3 * (y * width + x) + c] & 0xff;
    }
}
