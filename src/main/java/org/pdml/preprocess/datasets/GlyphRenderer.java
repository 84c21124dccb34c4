package org.pdml.preprocess.datasets;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Optional;
import org.pdml.util.Sha256;

/**
 * Renders one ideograph in one font with Java2D (docs/datasets.md §3): a {@code size × size} 8-bit
 * grey image, black ink on white, the font at {@link #EM_FRACTION} of the image side, its ink box
 * centred, with fixed hints (antialiasing on, text antialiasing on, fractional metrics on, quality
 * rendering). The same font, code point, size and JDK give the same pixels.
 */
public final class GlyphRenderer {
    /** Font size as a fraction of the image side: leaves a margin around most ink boxes. */
    public static final double EM_FRACTION = 0.8;

    /** The fixed settings, for the manifest. */
    public static final String SETTINGS =
            "8-bit grey, black on white, font "
                    + EM_FRACTION
                    + " em of the side, ink box centred; KEY_ANTIALIASING=ON,"
                    + " KEY_TEXT_ANTIALIASING=ON, KEY_FRACTIONALMETRICS=ON, KEY_RENDERING=QUALITY";

    private final int size;

    /**
     * Creates a renderer.
     *
     * @param size image side, pixels
     * @throws IllegalArgumentException if {@code size < 8}
     */
    public GlyphRenderer(int size) {
        if (size < 8) {
            throw new IllegalArgumentException("render size must be >= 8 px, got " + size);
        }
        this.size = size;
    }

    /**
     * Renders a code point.
     *
     * @param font the font (any size; it is derived to the render size)
     * @param codePoint a Unicode code point the font can display
     * @return the image, or empty when the glyph has no ink (a blank fallback glyph)
     */
    public Optional<BufferedImage> render(Font font, int codePoint) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_FRACTIONALMETRICS,
                    RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            Font sized = font.deriveFont((float) (size * EM_FRACTION));
            GlyphVector glyph =
                    sized.createGlyphVector(
                            g.getFontRenderContext(), new String(Character.toChars(codePoint)));
            Rectangle2D ink = glyph.getVisualBounds();
            if (ink.isEmpty()) {
                return Optional.empty();
            }
            float x = (float) ((size - ink.getWidth()) / 2 - ink.getX());
            float y = (float) ((size - ink.getHeight()) / 2 - ink.getY());
            g.setColor(Color.BLACK);
            g.drawGlyphVector(glyph, x, y);
        } finally {
            g.dispose();
        }
        return Optional.of(img);
    }

    /**
     * Hashes the pixels of a rendered image (for deduplication within a class).
     *
     * @param image an image from {@link #render}
     * @return lower-case hex SHA-256 of the grey raster
     */
    public static String pixelHash(BufferedImage image) {
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        return Sha256.of(pixels);
    }
}
