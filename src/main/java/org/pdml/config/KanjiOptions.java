package org.pdml.config;

import java.util.List;

/**
 * Kanji-Fonts construction options (docs/datasets.md §3).
 *
 * @param fonts Debian font packages whose glyphs become instances
 * @param renderSize glyph rendering size before resizing, pixels
 */
public record KanjiOptions(
        @Doc("Debian font packages to render (empty: all pinned in data.packages)")
                List<String> fonts,
        @Doc("Glyph rendering size, pixels (then resized to data.image_size)") int renderSize) {

    /** Copies the font list so the record stays immutable. */
    public KanjiOptions {
        fonts = List.copyOf(fonts);
    }
}
