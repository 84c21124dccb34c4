package org.pdml.data;

import java.awt.image.BufferedImage;

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

    /** Converts a decoded image (any type; alpha is ignored) to RGB samples. */
    public static RgbImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[3 * w * h];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >>> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >>> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return new RgbImage(w, h, rgb);
    }

    /** Returns channel c of pixel (x, y) as 0–255. */
    public int sample(int x, int y, int c) {
        return rgb[3 * (y * width + x) + c] & 0xff;
    }
}
