package org.pdml.preprocess.datasets;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.pdml.preprocess.DatasetSource;
import org.pdml.preprocess.PreparedDataset;
import org.pdml.preprocess.index.IndexEntry;

/**
 * Builds Kanji-Fonts (docs/datasets.md §3): fetches each pinned Debian font package with {@code
 * apt-get download} (cached, SHA-256 checked), loads its font with {@link Font#createFonts},
 * renders every CJK Unified Ideograph (U+4E00–U+9FFF) that all chosen fonts can display with {@link
 * GlyphRenderer}, drops renders whose pixels repeat within a class (fonts that borrow glyphs from a
 * base font), and keeps classes with at least two distinct instances. Classes, halves and the
 * per-half limit follow {@link EmojiIndex#build} (code-point order, first half train). The kept
 * renders are written as PNG under {@code <cache>/renders/<size>px/}; the dataset root is the
 * cache.
 */
public final class KanjiFonts {
    /** Dataset name recorded in manifests. */
    public static final String NAME = "kanji-fonts";

    /** First code point considered (CJK Unified Ideographs). */
    public static final int FIRST = 0x4E00;

    /** Last code point considered. */
    public static final int LAST = 0x9FFF;

    /**
     * What to build.
     *
     * @param fonts the fonts, in priority order (the first of identical renders is kept); at least
     *     two
     * @param renderSize rendering side in pixels (the pipeline then resizes to the image size)
     * @param classesPerHalf first k classes of each half (0 = all)
     */
    public record Config(List<KanjiFont> fonts, int renderSize, int classesPerHalf) {
        /**
         * Validates the choice.
         *
         * @throws IllegalArgumentException if fewer than two distinct fonts are named, the render
         *     size is below 8 or the limit is negative
         */
        public Config {
            fonts = List.copyOf(fonts);
            if (new HashSet<>(fonts).size() != fonts.size() || fonts.size() < 2) {
                throw new IllegalArgumentException(
                        "Kanji-Fonts needs at least two distinct fonts, got " + fonts);
            }
            if (renderSize < 8 || classesPerHalf < 0) {
                throw new IllegalArgumentException(
                        "render size must be >= 8 and classes per half >= 0, got "
                                + renderSize
                                + ", "
                                + classesPerHalf);
            }
        }
    }

    private KanjiFonts() {}

    /**
     * Fetches (or reuses) the packages, renders, and builds the dataset.
     *
     * @param cache cache root, e.g. {@code .cache/datasets/kanji-fonts}
     * @param config fonts, render size and class limit
     * @param progress receives one line per package and per phase
     * @return the dataset, rooted at {@code cache}
     * @throws IOException if a package cannot be fetched, a font cannot be loaded, or a render
     *     cannot be written
     */
    public static PreparedDataset build(Path cache, Config config, Consumer<String> progress)
            throws IOException {
        Path root = Files.createDirectories(cache).toAbsolutePath();
        List<Font> fonts = new ArrayList<>();
        List<DatasetSource> sources = new ArrayList<>();
        for (KanjiFont f : config.fonts()) {
            progress.accept("fetching " + f.packageName() + "=" + f.version());
            CachedPackage pkg = CachedPackage.deb(root, f.packageName(), f.version());
            fonts.add(load(pkg.extracted().resolve(f.fontFile())));
            sources.add(
                    new DatasetSource(
                            f.packageName(),
                            f.version(),
                            pkg.sha256(),
                            f.licence(),
                            "apt-get download"));
        }
        sources.add(
                new DatasetSource(
                        "java2d-render",
                        "JDK " + Runtime.version(),
                        "",
                        "",
                        config.renderSize() + " px, " + GlyphRenderer.SETTINGS));
        GlyphRenderer renderer = new GlyphRenderer(config.renderSize());
        progress.accept("rendering U+4E00..U+9FFF in " + fonts.size() + " fonts");
        Map<String, Map<String, String>> instances = distinctInstances(config, fonts, renderer);
        List<IndexEntry> entries = EmojiIndex.build(instances, config.classesPerHalf());
        writeRenders(root, config, fonts, renderer, entries);
        progress.accept(
                String.format(
                        "kanji-fonts: %d classes with >= 2 distinct renders, %d kept, %d images",
                        instances.values().stream().filter(m -> m.size() >= 2).count(),
                        entries.stream().map(IndexEntry::label).distinct().count(),
                        entries.size()));
        return new PreparedDataset(
                NAME, root.toString(), entries, PreparedDataset.classesOf(entries), sources);
    }

    private static Font load(Path file) throws IOException {
        try {
            // Why: createFonts reads TTC collections too; the first face is the pinned design.
            return Font.createFonts(file.toFile())[0];
        } catch (FontFormatException e) {
            throw new IOException(file + ": not a loadable font: " + e.getMessage(), e);
        }
    }

    /** Code point key to (package to render path) of the renders distinct within their class. */
    private static Map<String, Map<String, String>> distinctInstances(
            Config config, List<Font> fonts, GlyphRenderer renderer) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        IntStream.rangeClosed(FIRST, LAST)
                .parallel()
                .filter(cp -> fonts.stream().allMatch(f -> f.canDisplay(cp)))
                .mapToObj(cp -> Map.entry(key(cp), distinct(config, fonts, renderer, cp)))
                .sequential()
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static Map<String, String> distinct(
            Config config, List<Font> fonts, GlyphRenderer renderer, int cp) {
        Map<String, String> byFont = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fonts.size(); i++) {
            KanjiFont f = config.fonts().get(i);
            renderer.render(fonts.get(i), cp)
                    .filter(img -> seen.add(GlyphRenderer.pixelHash(img)))
                    .ifPresent(img -> byFont.put(f.packageName(), path(config, cp, f)));
        }
        return byFont;
    }

    private static void writeRenders(
            Path root,
            Config config,
            List<Font> fonts,
            GlyphRenderer renderer,
            List<IndexEntry> entries)
            throws IOException {
        Map<String, Font> byPackage = new TreeMap<>();
        for (int i = 0; i < fonts.size(); i++) {
            byPackage.put(config.fonts().get(i).packageName(), fonts.get(i));
        }
        for (IndexEntry e : entries) {
            int cp = Integer.parseInt(e.className(), 16);
            String pkg = e.id().substring(0, e.id().indexOf('/'));
            BufferedImage img =
                    renderer.render(byPackage.get(pkg), cp)
                            .orElseThrow(() -> new IllegalStateException("no ink: " + e.id()));
            Path file = root.resolve(e.path());
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IOException("no PNG writer for " + file);
            }
        }
    }

    private static String key(int cp) {
        return String.format("%04x", cp);
    }

    private static String path(Config config, int cp, KanjiFont f) {
        return "renders/" + config.renderSize() + "px/" + key(cp) + "/" + f.packageName() + ".png";
    }
}
