package org.pdml.config;

import java.util.List;

/**
 * Emoji-Vendors construction options (docs/datasets.md §2).
 *
 * @param vendors vendors whose drawings become instances
 * @param background background colour for flattening transparency, {@code #RRGGBB}
 */
public record EmojiOptions(
        @Doc("Vendors: google|twitter|gemojione|openmoji (apple|facebook need private_sources)")
                List<String> vendors,
        @Doc("Background colour that transparent pixels are flattened onto, #RRGGBB")
                String background) {

    /** Vendors whose art may be used without {@code private_sources}. */
    public static final List<String> PUBLIC_VENDORS =
            List.of("google", "twitter", "gemojione", "openmoji");

    /** Vendors whose art is not licensed for redistribution. */
    public static final List<String> PRIVATE_VENDORS = List.of("apple", "facebook");

    /** Copies the vendor list so the record stays immutable. */
    public EmojiOptions {
        vendors = List.copyOf(vendors);
    }
}
