package org.pdml.preprocess.datasets;

import org.pdml.util.WireNames;

/**
 * The drawing sources of Emoji-Vendors (docs/datasets.md §2) with their package and the licence of
 * the art. {@link #isPrivate()} vendors must never be used without an explicit {@code
 * private_sources: true}.
 */
public enum EmojiVendor {
    /** Noto emoji via npm, Apache-2.0. */
    GOOGLE("emoji-datasource-google", "16.0.0", "Apache-2.0", false, Packaging.DATASOURCE),
    /** Twemoji via npm, CC-BY-4.0. */
    TWITTER("emoji-datasource-twitter", "16.0.0", "CC-BY-4.0", false, Packaging.DATASOURCE),
    /** EmojiOne 2 via Debian, CC-BY-SA-4.0; upper-case hex file names. */
    GEMOJIONE("ruby-gemojione", "3.3.0-1", "CC-BY-SA-4.0", false, Packaging.DEBIAN_PNG),
    /**
     * OpenMoji via npm, CC-BY-SA-4.0: colour SVGs ({@code package/color/svg/<HEX>.svg}, upper-case
     * hex that keeps FE0F), rasterised once when the dataset is prepared.
     */
    OPENMOJI("openmoji", "17.0.0", "CC-BY-SA-4.0", false, Packaging.NPM_SVG),
    /** Apple art: not licensed for commercial use; private local experiments only. */
    APPLE(
            "emoji-datasource-apple",
            "16.0.0",
            "Apple: not licensed for commercial use",
            true,
            Packaging.DATASOURCE),
    /** Facebook art: no clear licence; private local experiments only. */
    FACEBOOK(
            "emoji-datasource-facebook",
            "16.0.0",
            "Facebook: no clear licence",
            true,
            Packaging.DATASOURCE);

    /** How a vendor's art is packaged. */
    private enum Packaging {
        /** npm emoji-datasource package: 64 px PNGs and {@code emoji.json}. */
        DATASOURCE,
        /** Debian package of PNGs. */
        DEBIAN_PNG,
        /** npm package of SVGs. */
        NPM_SVG
    }

    private final String packageName;
    private final String version;
    private final String licence;
    private final boolean restricted;
    private final Packaging packaging;

    EmojiVendor(
            String packageName,
            String version,
            String licence,
            boolean restricted,
            Packaging packaging) {
        this.packageName = packageName;
        this.version = version;
        this.licence = licence;
        this.restricted = restricted;
        this.packaging = packaging;
    }

    /**
     * @return the vendor's lower-case name, as in {@code has_img_<vendor>} and ids
     */
    public String wireName() {
        return WireNames.value(this);
    }

    /**
     * @return the npm or Debian package name
     */
    public String packageName() {
        return packageName;
    }

    /**
     * @return the pinned package version
     */
    public String version() {
        return version;
    }

    /**
     * @return the licence of the drawings
     */
    public String licence() {
        return licence;
    }

    /**
     * @return true for art that needs {@code private_sources: true}
     */
    public boolean isPrivate() {
        return restricted;
    }

    /**
     * @return true when fetched with apt-get rather than npm
     */
    public boolean isDebian() {
        return packaging == Packaging.DEBIAN_PNG;
    }

    /**
     * @return true when the art is SVG, rasterised when the dataset is prepared
     */
    public boolean isSvg() {
        return packaging == Packaging.NPM_SVG;
    }

    /**
     * @return true for the emoji-datasource packages, which carry {@code emoji.json}
     */
    public boolean hasEmojiJson() {
        return packaging == Packaging.DATASOURCE;
    }

    /**
     * Parses a vendor name.
     *
     * @param s e.g. "google"
     * @return the vendor
     * @throws IllegalArgumentException listing the known vendors
     */
    public static EmojiVendor parse(String s) {
        return WireNames.parse(EmojiVendor.class, s, "emoji vendor");
    }
}
