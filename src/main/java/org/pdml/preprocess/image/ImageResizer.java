package org.pdml.preprocess.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.Serializable;

/**
 * Scales an image so that its shorter side is exactly {@code shorterSide} pixels, keeping the
 * aspect ratio (longer side = round(long × N / short), at least 1). Downscaling halves with
 * bilinear filtering while the image is more than twice the target (each halving averages 2×2
 * blocks, so no source pixel is skipped), then takes one bilinear step; upscaling is one bicubic
 * step. Immutable and thread-safe.
 */
public final class ImageResizer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int shorterSide;

    /**
     * Creates a resizer.
     *
     * @param shorterSide target length of the shorter side in pixels, > 0
     * @throws IllegalArgumentException if {@code shorterSide <= 0}
     */
    public ImageResizer(int shorterSide) {
        if (shorterSide <= 0) {
            throw new IllegalArgumentException("shorterSide must be > 0, got " + shorterSide);
        }
        this.shorterSide = shorterSide;
    }

    /**
     * Resizes an opaque RGB image.
     *
     * @param source an image of type {@link BufferedImage#TYPE_INT_RGB}
     * @return a new TYPE_INT_RGB image with shorter side {@code shorterSide}, or {@code source}
     *     itself when it already has that size
     */
    public BufferedImage resize(BufferedImage source) {
        int w = source.getWidth();
        int h = source.getHeight();
        int shorter = Math.min(w, h);
        if (shorter == shorterSide) {
            return source;
        }
        int targetW = w <= h ? shorterSide : scaled(w, shorter);
        int targetH = w <= h ? scaled(h, shorter) : shorterSide;
        if (shorter < shorterSide) {
            return scale(source, targetW, targetH, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        }
        BufferedImage current = source;
        while (current.getWidth() >= 2 * targetW && current.getHeight() >= 2 * targetH) {
            current =
                    scale(
                            current,
                            current.getWidth() / 2,
                            current.getHeight() / 2,
                            RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        if (current.getWidth() == targetW && current.getHeight() == targetH) {
            return current;
        }
        return scale(current, targetW, targetH, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    }

    private int scaled(int longer, int shorter) {
        return (int) Math.max(1, Math.round(longer * (double) shorterSide / shorter));
    }

    private static BufferedImage scale(BufferedImage src, int w, int h, Object interpolation) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
