package org.pdml.preprocess.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.pdml.preprocess.DatasetSource;
import org.pdml.preprocess.PreparedDataset;
import org.pdml.preprocess.Reject;
import org.pdml.preprocess.image.RejectReason;
import org.pdml.preprocess.index.Cars196Reader;
import org.pdml.preprocess.index.CsvIndexReader;
import org.pdml.preprocess.index.Cub200Reader;
import org.pdml.preprocess.index.FolderReader;
import org.pdml.preprocess.index.InShopReader;
import org.pdml.preprocess.index.IndexReject;
import org.pdml.preprocess.index.IndexResult;
import org.pdml.preprocess.index.SmallClassFilter;
import org.pdml.preprocess.index.SopReader;
import org.pdml.preprocess.index.ValidationSplitter;
import org.pdml.provenance.Seeds;

/**
 * Maps a dataset name of the CLI to the code that prepares its index, then carves the seeded,
 * class-disjoint validation split from the training classes.
 */
public final class DatasetCatalog {
    /** Every name {@code pdml preprocess --dataset} accepts. */
    public static final List<String> NAMES =
            List.of(
                    "cub200",
                    "cars196",
                    "sop",
                    "inshop",
                    "csv",
                    "folder",
                    "emoji-vendors",
                    "kanji-fonts");

    /**
     * What the user asked for.
     *
     * @param dataset one of {@link #NAMES}
     * @param source dataset root (user datasets) or package cache (package-built datasets)
     * @param strictCounts require the published image and class counts of the standard benchmarks
     * @param emoji Emoji-Vendors vendors and size (ignored for other datasets)
     * @param kanji Kanji-Fonts fonts, render size and class limit (ignored for other datasets)
     * @param valFraction fraction of training classes carved into validation, in [0, 1)
     * @param seeds the run's seeds; the carve draws from the {@code data.split} stream
     * @param minInstancesPerClass classes with fewer instances are dropped before the carve, ≥ 1
     */
    public record Request(
            String dataset,
            Path source,
            boolean strictCounts,
            EmojiVendors.Config emoji,
            KanjiFonts.Config kanji,
            double valFraction,
            Seeds seeds,
            int minInstancesPerClass) {}

    private DatasetCatalog() {}

    /**
     * Prepares the index of a dataset.
     *
     * @param request the request
     * @param progress receives progress lines
     * @return the prepared dataset, classes with fewer than {@code minInstancesPerClass} instances
     *     dropped (from entries and class list), then validation carved
     * @throws IllegalArgumentException naming the dataset if it is unknown or not available in this
     *     build
     * @throws IOException if the dataset's files or packages cannot be read or fetched
     */
    public static PreparedDataset prepare(Request request, Consumer<String> progress)
            throws IOException {
        String name = request.dataset().toLowerCase(Locale.ROOT);
        PreparedDataset d;
        if (name.equals("emoji-vendors")) {
            d = EmojiVendors.build(request.source(), request.emoji(), progress);
        } else if (name.equals("kanji-fonts")) {
            d = KanjiFonts.build(request.source(), request.kanji(), progress);
        } else {
            progress.accept("reading the " + name + " index under " + request.source());
            d =
                    fromIndex(
                            name,
                            request.source(),
                            read(name, request.source(), request.strictCounts()));
        }
        d = withoutSmallClasses(d, request.minInstancesPerClass(), progress);
        return new PreparedDataset(
                d.name(),
                d.root(),
                ValidationSplitter.carve(d.entries(), request.valFraction(), request.seeds()),
                d.classes(),
                d.sources(),
                d.indexRejects());
    }

    /**
     * d without the classes of fewer than {@code minInstances} entries ({@link SmallClassFilter}).
     */
    private static PreparedDataset withoutSmallClasses(
            PreparedDataset d, int minInstances, Consumer<String> progress) {
        Set<Integer> small = SmallClassFilter.smallClasses(d.entries(), minInstances);
        if (small.isEmpty()) {
            return d;
        }
        progress.accept(
                "dropped "
                        + small.size()
                        + " classes with fewer than "
                        + minInstances
                        + " instances (data.min_instances_per_class)");
        Map<Integer, String> classes = new TreeMap<>(d.classes());
        classes.keySet().removeAll(small);
        return new PreparedDataset(
                d.name(),
                d.root(),
                SmallClassFilter.without(d.entries(), small),
                classes,
                d.sources(),
                d.indexRejects());
    }

    private static IndexResult read(String name, Path root, boolean strict) throws IOException {
        switch (name) {
            case "cub200":
                return new Cub200Reader(strict).readAll(root);
            case "cars196":
                return new Cars196Reader(strict).readAll(root);
            case "sop":
                return new SopReader(strict).readAll(root);
            case "inshop":
                return new InShopReader(strict).readAll(root);
            case "csv":
                return new CsvIndexReader().readAll(root);
            case "folder":
                return new FolderReader().readAll(root);
            default:
                throw new IllegalArgumentException(
                        "unknown dataset '" + name + "'; one of " + NAMES);
        }
    }

    private static PreparedDataset fromIndex(String name, Path root, IndexResult index) {
        List<Reject> rejects = new ArrayList<>();
        for (IndexReject r : index.rejects()) {
            RejectReason reason =
                    r.reason().startsWith("duplicate id")
                            ? RejectReason.DUPLICATE_ID
                            : RejectReason.UNKNOWN_LABEL;
            rejects.add(new Reject(r.path(), r.id(), reason, r.toString()));
        }
        return new PreparedDataset(
                name,
                root.toAbsolutePath().toString(),
                index.entries(),
                PreparedDataset.classesOf(index.entries()),
                List.of(new DatasetSource(name, "", "", "", "user-supplied: " + root)),
                rejects);
    }
}
