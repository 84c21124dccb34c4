package org.pdml.preprocess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.pdml.config.DataConfig;
import org.pdml.config.DataConfig.DatasetKind;
import org.pdml.config.DataConfig.ImageEncoding;
import org.pdml.config.DataConfig.Runner;
import org.pdml.preprocess.datasets.DatasetCatalog;
import org.pdml.preprocess.datasets.EmojiVendor;
import org.pdml.preprocess.datasets.EmojiVendors;
import org.pdml.preprocess.datasets.KanjiFont;
import org.pdml.preprocess.datasets.KanjiFonts;
import org.pdml.preprocess.datasets.RemoteDatasets;
import org.pdml.provenance.Seeds;
import org.pdml.util.WireNames;

/**
 * Everything one preprocessing run needs, typed: built once from a config's {@code data} section
 * ({@link #of(DataConfig, long)}, what {@code pdml run} and {@code pdml preprocess --config} do)
 * and once from {@code pdml preprocess}'s flags; {@link Preprocessor} runs it. Two requests that
 * are equal produce the same examples.
 *
 * @param dataset the dataset reader
 * @param source the dataset root or index (local or {@code gs://}); null for the package cache
 * @param output the examples folder (local or {@code gs://})
 * @param images how images are checked, resized and stored
 * @param numShards shards per split
 * @param valFraction fraction of training classes carved into validation
 * @param seed the root seed; the carve draws from its {@code data.split} stream
 * @param runner the Beam runner
 * @param beam extra Beam pipeline options, each {@code --name=value}
 * @param maxRejectFraction the largest tolerated fraction of rejected entries
 * @param minInstancesPerClass classes with fewer instances are dropped before the carve
 * @param emoji the Emoji-Vendors settings, present exactly for that dataset
 * @param kanji the Kanji-Fonts settings, present exactly for that dataset
 * @param strictCounts whether the published counts (CUB, CARS196, SOP, In-Shop) are required
 * @param overwrite whether an existing examples folder is replaced
 */
public record PreprocessRequest(
        DatasetKind dataset,
        String source,
        String output,
        Images images,
        int numShards,
        double valFraction,
        long seed,
        Runner runner,
        List<String> beam,
        double maxRejectFraction,
        int minInstancesPerClass,
        EmojiVendors.Config emoji,
        KanjiFonts.Config kanji,
        boolean strictCounts,
        boolean overwrite) {

    /** Where package-built datasets are cached when no source is given. */
    public static final Path PACKAGE_CACHE = Path.of(".cache", "datasets");

    /**
     * How images are checked, resized and stored.
     *
     * @param size the shorter side after resizing, pixels
     * @param encoding the stored encoding
     * @param jpegQuality JPEG quality 1–100
     * @param background {@code #RRGGBB} that transparent pixels are composited onto
     * @param maxPixels the largest accepted image, pixels
     * @param maxAspect the largest accepted ratio of the longer to the shorter side
     */
    public record Images(
            int size,
            ImageEncoding encoding,
            int jpegQuality,
            String background,
            long maxPixels,
            double maxAspect) {}

    /** Checks the dataset-specific settings against the dataset; copies the Beam options. */
    public PreprocessRequest {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(output, "output");
        beam = List.copyOf(beam);
        if ((emoji != null) != (dataset == DatasetKind.EMOJI_VENDORS)
                || (kanji != null) != (dataset == DatasetKind.KANJI_FONTS)) {
            throw new IllegalArgumentException(
                    "emoji settings belong to emoji-vendors and kanji settings to kanji-fonts; got"
                            + " dataset "
                            + WireNames.value(dataset));
        }
    }

    /**
     * The request of a config's data section, as {@code pdml run} makes it: the published counts
     * required, an existing output kept.
     *
     * @param d the data section
     * @param seed the run's root seed
     * @return the request
     */
    public static PreprocessRequest of(DataConfig d, long seed) {
        boolean emoji = d.dataset() == DatasetKind.EMOJI_VENDORS;
        return new PreprocessRequest(
                d.dataset(),
                d.source(),
                d.output(),
                new Images(
                        d.imageSize(),
                        d.encoding(),
                        d.jpegQuality(),
                        // the only dataset with transparent art; the others keep white
                        emoji ? d.emoji().background() : "#FFFFFF",
                        d.maxPixels(),
                        d.maxAspect()),
                d.numShards(),
                d.valFraction(),
                seed,
                d.runner(),
                d.beam(),
                d.maxRejectFraction(),
                d.minInstancesPerClass(),
                emoji
                        ? new EmojiVendors.Config(
                                d.emoji().vendors().stream().map(EmojiVendor::parse).toList(),
                                d.maxClassesPerSplit(),
                                d.privateSources())
                        : null,
                d.dataset() == DatasetKind.KANJI_FONTS
                        ? new KanjiFonts.Config(
                                kanjiFonts(d).stream().map(KanjiFont::parse).toList(),
                                d.kanji().renderSize(),
                                d.maxClassesPerSplit())
                        : null,
                true,
                false);
    }

    /**
     * This request writing to another folder.
     *
     * @param to the examples folder
     * @param replace whether an existing folder there is replaced
     * @return the request
     */
    public PreprocessRequest withOutput(String to, boolean replace) {
        return new PreprocessRequest(
                dataset,
                source,
                to,
                images,
                numShards,
                valFraction,
                seed,
                runner,
                beam,
                maxRejectFraction,
                minInstancesPerClass,
                emoji,
                kanji,
                strictCounts,
                replace);
    }

    /**
     * This request with the command line's handling of counts and Beam options.
     *
     * @param strict whether the published counts are required
     * @param options the Beam options
     * @return the request
     */
    public PreprocessRequest withCountsAndBeam(boolean strict, List<String> options) {
        return new PreprocessRequest(
                dataset,
                source,
                output,
                images,
                numShards,
                valFraction,
                seed,
                runner,
                options,
                maxRejectFraction,
                minInstancesPerClass,
                emoji,
                kanji,
                strict,
                overwrite);
    }

    /**
     * The dataset root: the source, or the package cache when none is given.
     *
     * @return a local path or a {@code gs://} URI
     */
    public String sourceRoot() {
        return source != null ? source : PACKAGE_CACHE.toString();
    }

    /**
     * The index request (also what {@code pdml fingerprint} reads).
     *
     * @return the dataset catalog's request
     */
    public DatasetCatalog.Request catalogRequest() {
        String root = sourceRoot();
        return new DatasetCatalog.Request(
                WireNames.value(dataset),
                RemoteDatasets.isRemote(root) ? null : Path.of(root),
                strictCounts,
                emoji,
                kanji,
                valFraction,
                new Seeds(seed),
                minInstancesPerClass);
    }

    /**
     * The settings that shape the examples, as MLflow params named like the config's keys.
     *
     * @return {@code data.<key>} (and {@code seed}) → value
     */
    public SortedMap<String, String> params() {
        SortedMap<String, String> p = new TreeMap<>();
        p.put("data.dataset", WireNames.value(dataset));
        p.put("data.source", String.valueOf(source));
        p.put("data.output", output);
        p.put("data.image_size", Integer.toString(images.size()));
        p.put("data.encoding", WireNames.value(images.encoding()));
        p.put("data.jpeg_quality", Integer.toString(images.jpegQuality()));
        p.put("data.num_shards", Integer.toString(numShards));
        p.put("data.val_fraction", Double.toString(valFraction));
        p.put("data.runner", WireNames.value(runner));
        p.put("data.max_reject_fraction", Double.toString(maxRejectFraction));
        p.put("data.max_pixels", Long.toString(images.maxPixels()));
        p.put("data.max_aspect", Double.toString(images.maxAspect()));
        p.put("data.emoji.vendors", emoji == null ? "default" : vendorNames(emoji));
        p.put("data.max_classes_per_split", Integer.toString(classesPerSplit()));
        p.put("data.min_instances_per_class", Integer.toString(minInstancesPerClass));
        p.put("data.emoji.background", images.background());
        p.put("data.private_sources", Boolean.toString(emoji != null && emoji.privateSources()));
        p.put("data.lenient_counts", Boolean.toString(!strictCounts));
        p.put("data.beam", String.join(" ", beam));
        p.put("seed", Long.toString(seed));
        return p;
    }

    private int classesPerSplit() {
        return emoji != null ? emoji.classesPerHalf() : kanji != null ? kanji.classesPerHalf() : 0;
    }

    private static String vendorNames(EmojiVendors.Config emoji) {
        List<String> names = new ArrayList<>();
        emoji.vendors().forEach(v -> names.add(WireNames.value(v)));
        return String.join(",", names);
    }

    /**
     * The Kanji-Fonts packages to render: {@code data.kanji.fonts} (or, when empty, every package
     * of {@code data.packages}), each pinned to its {@code data.packages} version when listed
     * there.
     *
     * @param d the data section
     * @return font package names, {@code name=version} where pinned
     */
    public static List<String> kanjiFonts(DataConfig d) {
        Map<String, String> pinned = new LinkedHashMap<>();
        for (String p : d.packages()) {
            int eq = p.indexOf('=');
            pinned.put(eq < 0 ? p : p.substring(0, eq), p);
        }
        List<String> names =
                d.kanji().fonts().isEmpty() ? List.copyOf(pinned.keySet()) : d.kanji().fonts();
        return names.stream().map(n -> pinned.getOrDefault(n, n)).toList();
    }
}
