package org.pdml.preprocess.datasets;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The pinned Kanji-Fonts fonts (docs/datasets.md §3): one Debian package each, the font file of its
 * design inside the package, and the font's licence as the package's {@code copyright} file states
 * it. {@code fonts-yozvox-yozfont} is not here: in Debian it is a metapackage without font files.
 */
public enum KanjiFont {
    /** IPA Gothic. */
    IPA_GOTHIC(
            "fonts-ipafont-gothic",
            "00303-23",
            "usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
            "IPA-1.0"),
    /** IPA Mincho. */
    IPA_MINCHO(
            "fonts-ipafont-mincho",
            "00303-23",
            "usr/share/fonts/opentype/ipafont-mincho/ipam.ttf",
            "IPA-1.0"),
    /** VL Gothic. */
    VL_GOTHIC(
            "fonts-vlgothic",
            "20220612-1",
            "usr/share/fonts/truetype/vlgothic/VL-Gothic-Regular.ttf",
            "M+Font AND SazanamiFont AND BSD-3-Clause"),
    /** Ume Gothic. */
    UME_GOTHIC(
            "fonts-horai-umefont",
            "670-5",
            "usr/share/fonts/truetype/horai-umefont/ume-tgo4.ttf",
            "UmeFont"),
    /** Setofont (handwriting). */
    SETO("fonts-seto", "6.20-8", "usr/share/fonts/truetype/seto/setofont.ttf", "OFL-1.1"),
    /** Kiloji (handwriting). */
    KILOJI(
            "fonts-kiloji",
            "1:2.1.0-25",
            "usr/share/fonts/truetype/kiloji/kiloji.ttf",
            "BSD-3-Clause"),
    /** Kouzan Mouhitsu (brush). */
    KOUZAN_MOUHITSU(
            "fonts-kouzan-mouhitsu",
            "20170411-3",
            "usr/share/fonts/truetype/kouzan-mouhitsu/kouzan-mouhitsu.ttf",
            "public-domain"),
    /** Aoyagi Kouzan T (brush). */
    AOYAGI_KOUZAN_T(
            "fonts-aoyagi-kouzan-t",
            "20160404-6",
            "usr/share/fonts/truetype/aoyagi-kouzan-t/AoyagiKouzanT.ttf",
            "public-domain"),
    /** Aoyagi Soseki (brush). */
    AOYAGI_SOSEKI(
            "fonts-aoyagi-soseki",
            "20070207-17",
            "usr/share/fonts/truetype/aoyagi-soseki/aoyagi-soseki.ttf",
            "public-domain"),
    /** Dejima Mincho. */
    DEJIMA_MINCHO(
            "fonts-dejima-mincho",
            "227-16",
            "usr/share/fonts/truetype/dejima-mincho/dejima-mincho-r227.ttf",
            "MIT"),
    /** Hanazono Mincho A (BMP ideographs). */
    HANAZONO(
            "fonts-hanazono",
            "20170904-2.1",
            "usr/share/fonts/truetype/hanazono/HanaMinA.ttf",
            "OFL-1.1 OR Hanazono-Font-License"),
    /** Motoya L Cedar. */
    MOTOYA_CEDAR(
            "fonts-motoya-l-cedar",
            "1.01-5",
            "usr/share/fonts/truetype/motoya-l-cedar/MTLc3m.ttf",
            "Apache-2.0"),
    /** Motoya L Maruberi (rounded). */
    MOTOYA_MARUBERI(
            "fonts-motoya-l-maruberi",
            "1.01-5",
            "usr/share/fonts/truetype/motoya-l-maruberi/MTLmr3m.ttf",
            "Apache-2.0"),
    /** Konatu. */
    KONATU("fonts-konatu", "20121218-11", "usr/share/fonts/truetype/konatu/Konatu.ttf", "MIT"),
    /** Sawarabi Gothic. */
    SAWARABI_GOTHIC(
            "fonts-sawarabi-gothic",
            "20161015-4",
            "usr/share/fonts/truetype/sawarabi-gothic/sawarabi-gothic-medium.ttf",
            "CC-BY-3.0"),
    /** Sawarabi Mincho. */
    SAWARABI_MINCHO(
            "fonts-sawarabi-mincho",
            "20220815-1",
            "usr/share/fonts/truetype/sawarabi-mincho/sawarabi-mincho-medium.ttf",
            "CC-BY-SA-3.0 OR OFL-1.1"),
    /** Monapo. */
    MONAPO(
            "fonts-monapo",
            "20170722-3",
            "usr/share/fonts/truetype/monapo/monapo.ttf",
            "IPA-1.0 AND public-domain"),
    /** MigMix 1M. */
    MIGMIX(
            "fonts-migmix",
            "20200307-1",
            "usr/share/fonts/truetype/migmix/migmix-1m-regular.ttf",
            "IPA-1.0"),
    /** Oradano Mincho GSRR (grunge). */
    ORADANO_MINCHO(
            "fonts-oradano-mincho-gsrr",
            "0.2018-3",
            "usr/share/fonts/truetype/oradano-mincho/OradanoGSRR.ttf",
            "Oradano (free use and redistribution, see its copyright file)");

    private final String packageName;
    private final String version;
    private final String fontFile;
    private final String licence;

    KanjiFont(String packageName, String version, String fontFile, String licence) {
        this.packageName = packageName;
        this.version = version;
        this.fontFile = fontFile;
        this.licence = licence;
    }

    /**
     * Parses a package name, optionally pinned as {@code name=version}.
     *
     * @param spec e.g. {@code fonts-seto} or {@code fonts-seto=6.20-8}
     * @return the font
     * @throws IllegalArgumentException naming the known packages if the name is unknown, or the
     *     verified version if a different version is pinned
     */
    public static KanjiFont parse(String spec) {
        String name = spec.strip().toLowerCase(Locale.ROOT);
        String version = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
            version = name.substring(eq + 1);
            name = name.substring(0, eq);
        }
        for (KanjiFont f : values()) {
            if (f.packageName.equals(name)) {
                if (version != null && !version.equals(f.version)) {
                    throw new IllegalArgumentException(
                            String.format(
                                    "%s: version %s is not the verified %s (docs/datasets.md §3)",
                                    name, version, f.version));
                }
                return f;
            }
        }
        throw new IllegalArgumentException(
                "unknown Kanji-Fonts package '"
                        + name
                        + "'"
                        + (name.equals("fonts-yozvox-yozfont")
                                ? " (a metapackage without font files)"
                                : "")
                        + "; known: "
                        + Arrays.stream(values())
                                .map(KanjiFont::packageName)
                                .collect(Collectors.joining(", ")));
    }

    /**
     * @return the Debian package name
     */
    public String packageName() {
        return packageName;
    }

    /**
     * @return the verified Debian version (with epoch where it has one)
     */
    public String version() {
        return version;
    }

    /**
     * @return the font file inside the unpacked package
     */
    public String fontFile() {
        return fontFile;
    }

    /**
     * @return the font's licence (SPDX-like), from the package's copyright file
     */
    public String licence() {
        return licence;
    }
}
