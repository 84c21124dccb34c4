package org.pdml.preprocess.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * OpenMoji's colour drawings as PNGs: the SVGs of the base emoji ({@code
 * package/color/svg/<HEX>.svg}) are rasterised once into a cache folder beside the extracted
 * package, and reused by later builds.
 */
final class OpenmojiArt {
    /** Raster size, that of the emoji-datasource PNGs. */
    static final int SIZE = 64;

    /** Where the colour SVGs sit in the extracted npm package. */
    static final String SVG_DIR = "package/color/svg";

    private OpenmojiArt() {}

    /**
     * Rasterises the SVGs whose join key is a base emoji (missing PNGs only, on all cores).
     *
     * @param svgDir the extracted {@link #SVG_DIR}
     * @param pngDir where the PNGs go, e.g. {@code <cache>/openmoji@17.0.0/png64}
     * @param baseKeys join keys of the base emoji ({@link EmojiIndex#joinKey})
     * @param progress receives a line with the counts, and one naming the first unreadable SVG
     * @return join key → PNG, for every base emoji whose SVG was rasterised
     * @throws IOException if the SVG folder cannot be listed or a PNG cannot be written
     */
    static Map<String, Path> pngFiles(
            Path svgDir, Path pngDir, Set<String> baseKeys, Consumer<String> progress)
            throws IOException {
        Map<String, Path> svgs = new TreeMap<>();
        try (Stream<Path> list = Files.list(svgDir)) {
            list.filter(f -> f.getFileName().toString().endsWith(".svg"))
                    .forEach(f -> svgs.put(stem(f), f));
        }
        Map<String, Path> pngs = new TreeMap<>();
        List<String> todo = new ArrayList<>();
        svgs.forEach(
                (stem, svg) -> {
                    String key = EmojiIndex.joinKey(stem);
                    if (stem.matches("[0-9A-Fa-f]+(-[0-9A-Fa-f]+)*") && baseKeys.contains(key)) {
                        pngs.put(key, pngDir.resolve(stem + ".png"));
                        todo.add(stem);
                    }
                });
        rasterise(todo, svgs, pngDir, progress);
        pngs.values().removeIf(png -> !Files.isRegularFile(png));
        return pngs;
    }

    private static void rasterise(
            List<String> stems, Map<String, Path> svgs, Path pngDir, Consumer<String> progress)
            throws IOException {
        long missing =
                stems.stream().filter(s -> !Files.exists(pngDir.resolve(s + ".png"))).count();
        if (missing > 0) {
            progress.accept(
                    String.format(
                            "rasterising %d of %d OpenMoji SVGs at %d px into %s",
                            missing, stems.size(), SIZE, pngDir));
        }
        SvgRasteriser rasteriser = new SvgRasteriser(SIZE);
        ConcurrentLinkedQueue<String> unreadable = new ConcurrentLinkedQueue<>();
        try {
            stems.parallelStream()
                    .forEach(
                            stem -> {
                                try {
                                    rasteriser.renderToPng(
                                            svgs.get(stem), pngDir.resolve(stem + ".png"));
                                } catch (IOException e) {
                                    if (!Files.isRegularFile(svgs.get(stem))) {
                                        throw new UncheckedIOException(e);
                                    }
                                    unreadable.add(e.getMessage());
                                }
                            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (!unreadable.isEmpty()) {
            progress.accept(
                    String.format(
                            "%d OpenMoji SVGs could not be rasterised and are left out; first: %s",
                            unreadable.size(), unreadable.peek()));
        }
    }

    private static String stem(Path svg) {
        return svg.getFileName().toString().replaceFirst("\\.svg$", "");
    }
}
