package org.pdml.preprocess.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.pdml.preprocess.DatasetSource;
import org.pdml.preprocess.PreparedDataset;
import org.pdml.preprocess.index.IndexEntry;

/**
 * Builds Emoji-Vendors (docs/datasets.md §2) from npm/Debian packages: fetches and caches each
 * vendor's package, extracts only {@code img/<vendor>/64} and {@code emoji.json} (OpenMoji: its
 * colour SVGs, rasterised once to 64 px PNGs by {@link OpenmojiArt}), locates one 64 px PNG per
 * vendor and base emoji, and applies {@link EmojiIndex}. The dataset root is the cache folder.
 */
public final class EmojiVendors {
    /** Dataset name recorded in manifests. */
    public static final String NAME = "emoji-vendors";

    private static final String GEMOJIONE_PNG =
            "usr/share/rubygems-integration/all/gems/gemojione-3.3.0/assets/png";

    /**
     * What to build.
     *
     * @param vendors the vendors (at least two, at least one npm vendor for {@code emoji.json})
     * @param classesPerHalf first k classes of each half (0 = all); the CI subset uses 100
     * @param privateSources must be true to use Apple or Facebook art
     */
    public record Config(List<EmojiVendor> vendors, int classesPerHalf, boolean privateSources) {
        /**
         * Validates the vendor choice.
         *
         * @throws IllegalArgumentException if a private vendor is named without {@code
         *     privateSources}, fewer than two vendors are named, or none is an emoji-datasource
         *     vendor
         */
        public Config {
            vendors = List.copyOf(vendors);
            for (EmojiVendor v : vendors) {
                if (v.isPrivate() && !privateSources) {
                    throw new IllegalArgumentException(
                            "vendor "
                                    + v.wireName()
                                    + " ("
                                    + v.licence()
                                    + ") is for private local experiments only; set private_sources: true (--private-sources) to use it");
                }
            }
            if (vendors.size() < 2 || vendors.stream().noneMatch(EmojiVendor::hasEmojiJson)) {
                throw new IllegalArgumentException(
                        "Emoji-Vendors needs at least two vendors, one of them an emoji-datasource"
                                + " vendor (google, twitter, apple, facebook: emoji.json): "
                                + vendors);
            }
        }

        /**
         * @return the default, publishable vendors that need only npm: google and twitter
         */
        public static List<EmojiVendor> defaultVendors() {
            return List.of(EmojiVendor.GOOGLE, EmojiVendor.TWITTER);
        }
    }

    private EmojiVendors() {}

    /**
     * Fetches (or reuses) the packages and builds the dataset.
     *
     * @param cache cache root, e.g. {@code .cache/datasets}
     * @param config vendors and size
     * @param progress receives one line per package
     * @return the dataset, rooted at {@code cache}
     * @throws IOException if a package cannot be fetched or {@code emoji.json} is unreadable
     */
    public static PreparedDataset build(
            Path cache, Config config, java.util.function.Consumer<String> progress)
            throws IOException {
        Files.createDirectories(cache);
        Map<String, Map<String, String>> instances = new TreeMap<>();
        List<DatasetSource> sources = new ArrayList<>();
        JsonNode emojiJson = null;
        for (EmojiVendor v : config.vendors()) {
            progress.accept("fetching " + v.packageName() + "@" + v.version());
            CachedPackage pkg =
                    v.isDebian()
                            ? CachedPackage.deb(cache, v.packageName(), v.version())
                            : CachedPackage.npm(
                                    cache, v.packageName(), v.version(), extractPatterns(v));
            sources.add(
                    new DatasetSource(
                            v.packageName(),
                            v.version(),
                            pkg.sha256(),
                            v.licence(),
                            v.isDebian() ? "apt-get download" : "npm pack"));
            if (v.hasEmojiJson() && emojiJson == null) {
                emojiJson =
                        new ObjectMapper()
                                .readTree(pkg.extracted().resolve("package/emoji.json").toFile());
            }
        }
        Map<String, String> baseKeys = baseEmoji(emojiJson);
        for (EmojiVendor v : config.vendors()) {
            Path x = cache.resolve(v.packageName() + "@" + v.version()).resolve("x");
            Map<String, Path> files;
            if (v.isDebian()) {
                files = gemojioneFiles(x.resolve(GEMOJIONE_PNG));
            } else if (v.isSvg()) {
                Path pngDir = x.resolveSibling("png" + OpenmojiArt.SIZE);
                files =
                        OpenmojiArt.pngFiles(
                                x.resolve(OpenmojiArt.SVG_DIR),
                                pngDir,
                                baseKeys.keySet(),
                                progress);
            } else {
                files = datasourceFiles(emojiJson, v, x);
            }
            files.forEach(
                    (key, file) -> {
                        if (baseKeys.containsKey(key) && Files.isRegularFile(file)) {
                            instances
                                    .computeIfAbsent(key, k -> new HashMap<>())
                                    .put(
                                            v.wireName(),
                                            cache.relativize(file).toString().replace('\\', '/'));
                        }
                    });
        }
        List<IndexEntry> entries = EmojiIndex.build(instances, config.classesPerHalf());
        return new PreparedDataset(
                NAME,
                cache.toAbsolutePath().toString(),
                entries,
                PreparedDataset.classesOf(entries),
                sources);
    }

    private static List<String> extractPatterns(EmojiVendor v) {
        if (v.isSvg()) {
            return List.of(OpenmojiArt.SVG_DIR + "/*", "package/package.json");
        }
        return List.of(
                "package/img/" + v.wireName() + "/64/*",
                "package/emoji.json",
                "package/package.json");
    }

    /** Join keys of the base emoji (skin-tone variants live in nested objects and are skipped). */
    private static Map<String, String> baseEmoji(JsonNode emojiJson) {
        Map<String, String> keys = new HashMap<>();
        for (JsonNode e : emojiJson) {
            keys.put(EmojiIndex.joinKey(e.get("unified").asText()), e.get("image").asText());
        }
        return keys;
    }

    private static Map<String, Path> datasourceFiles(
            JsonNode emojiJson, EmojiVendor v, Path extracted) {
        Map<String, Path> files = new HashMap<>();
        Path dir = extracted.resolve("package/img/" + v.wireName() + "/64");
        for (JsonNode e : emojiJson) {
            JsonNode has = e.get("has_img_" + v.wireName());
            if (has != null && has.asBoolean()) {
                files.put(
                        EmojiIndex.joinKey(e.get("unified").asText()),
                        dir.resolve(e.get("image").asText()));
            }
        }
        return files;
    }

    private static Map<String, Path> gemojioneFiles(Path dir) throws IOException {
        Map<String, Path> files = new HashMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(f -> f.toString().endsWith(".png"))
                    .forEach(
                            f -> {
                                String stem =
                                        f.getFileName().toString().replaceFirst("\\.png$", "");
                                if (stem.matches("[0-9A-Fa-f]+([-_][0-9A-Fa-f]+)*")) {
                                    files.put(EmojiIndex.joinKey(stem), f);
                                }
                            });
        }
        return files;
    }
}
