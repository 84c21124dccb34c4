package org.pdml.preprocess.image;

import java.awt.image.BufferedImage;

/**
 * Turns a decoded image upright according to its EXIF orientation (1 = as stored, 2 = mirrored, 3 =
 * rotated 180°, 4 = flipped, 5 = transposed, 6 = to be rotated 90° clockwise, 7 = transversed, 8 =
 * to be rotated 90° counter-clockwise), as photo viewers show it.
 */
final class ExifOrientation {
    private ExifOrientation() {}

    /**
     * Applies an orientation.
     *
     * @param src a TYPE_INT_RGB image as stored
     * @param orientation the EXIF value, 1..8 (anything else is treated as 1)
     * @return {@code src} itself for 1, else a new upright TYPE_INT_RGB image (width and height
     *     swapped for 5..8)
     */
    static BufferedImage apply(BufferedImage src, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        int[] in = src.getRGB(0, 0, w, h, null, 0, w);
        int[] out = new int[in.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                out[y * ow + x] = in[source(orientation, x, y, w, h)];
            }
        }
        BufferedImage upright = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        upright.setRGB(0, 0, ow, oh, out, 0, ow);
        return upright;
    }

    /** The stored pixel (as an index into the w × h source) shown at upright (x, y). */
    private static int source(int orientation, int x, int y, int w, int h) {
        return switch (orientation) {
            case 2 -> y * w + (w - 1 - x);
            case 3 -> (h - 1 - y) * w + (w - 1 - x);
            case 4 -> (h - 1 - y) * w + x;
            case 5 -> x * w + y;
            case 6 -> (h - 1 - x) * w + y;
            case 7 -> (h - 1 - x) * w + (w - 1 - y);
            default -> x * w + (w - 1 - y); // 8
        };
    }
}
