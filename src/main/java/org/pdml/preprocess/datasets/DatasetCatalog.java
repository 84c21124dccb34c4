package org.pdml.preprocess.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.pdml.preprocess.PreparedDataset;

/** Maps a dataset name of the CLI to the code that prepares its index. */
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
     * @param emoji Emoji-Vendors vendors and size (ignored for other datasets)
     * @param valFraction fraction of training classes carved into validation
     * @param seed seed of that carve
     */
    public record Request(
            String dataset,
            Path source,
            EmojiVendors.Config emoji,
            double valFraction,
            long seed) {}

    private DatasetCatalog() {}

    /**
     * Prepares the index of a dataset.
     *
     * @param request the request
     * @param progress receives progress lines
     * @return the prepared dataset
     * @throws IllegalArgumentException naming the dataset if it is unknown or not available in this
     *     build
     * @throws IOException if the dataset's files or packages cannot be read or fetched
     */
    public static PreparedDataset prepare(Request request, Consumer<String> progress)
            throws IOException {
        String name = request.dataset().toLowerCase(Locale.ROOT);
        PreparedDataset prepared;
        switch (name) {
            case "emoji-vendors":
                prepared = EmojiVendors.build(request.source(), request.emoji(), progress);
                break;
            default:
                if (!NAMES.contains(name)) {
                    throw new IllegalArgumentException(
                            "unknown dataset '" + request.dataset() + "'; one of " + NAMES);
                }
                throw new IllegalArgumentException(
                        "dataset '" + name + "' is not wired into preprocess yet");
        }
        if (request.valFraction() > 0) {
            throw new IllegalArgumentException("--val-fraction > 0 is not wired yet");
        }
        return prepared;
    }
}
