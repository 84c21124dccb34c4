package org.pdml.preprocess.datasets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Role;
import org.pdml.preprocess.index.Split;

/**
 * The Emoji-Vendors construction of docs/datasets.md §2 on already located files: join key, classes
 * with at least two instances, code-point order, first half train and the rest test, optionally
 * only the first {@code k} classes of each half. Pure; no I/O.
 */
public final class EmojiIndex {
    /** Orders code-point sequences numerically, element by element; a prefix sorts first. */
    public static final Comparator<String> CODE_POINT_ORDER =
            (a, b) -> Arrays.compare(codePoints(a), codePoints(b));

    private EmojiIndex() {}

    /**
     * Normalises a code-point sequence to the join key: lower-case hex joined by '-', without
     * {@code fe0f} (variation selector 16).
     *
     * @param sequence e.g. {@code "0023-FE0F-20E3"} or a file name stem {@code "0023-20E3"}
     * @return e.g. {@code "0023-20e3"}
     */
    public static String joinKey(String sequence) {
        return Arrays.stream(sequence.toLowerCase(Locale.ROOT).split("[-_]"))
                .filter(p -> !p.equals("fe0f"))
                .collect(Collectors.joining("-"));
    }

    /**
     * Builds the index.
     *
     * @param instances join key → (vendor → path relative to the dataset root)
     * @param classesPerHalf keep only the first this many classes of each half; 0 keeps all
     * @return entries sorted by label then vendor; id {@code <vendor>/<key>}, class name the key,
     *     dense labels in code-point order
     * @throws IllegalArgumentException if {@code classesPerHalf < 0} or a key is not hex
     */
    public static List<IndexEntry> build(
            Map<String, Map<String, String>> instances, int classesPerHalf) {
        if (classesPerHalf < 0) {
            throw new IllegalArgumentException(
                    "classesPerHalf must be >= 0, got " + classesPerHalf);
        }
        List<String> classes =
                instances.entrySet().stream()
                        .filter(e -> e.getValue().size() >= 2)
                        .map(Map.Entry::getKey)
                        .sorted(CODE_POINT_ORDER)
                        .collect(Collectors.toList());
        int half = classes.size() / 2;
        List<String> train = take(classes.subList(0, half), classesPerHalf);
        List<String> test = take(classes.subList(half, classes.size()), classesPerHalf);
        List<IndexEntry> entries = new ArrayList<>();
        int label = 0;
        for (String key : train) {
            addClass(entries, key, label++, Split.TRAIN, instances.get(key));
        }
        for (String key : test) {
            addClass(entries, key, label++, Split.TEST, instances.get(key));
        }
        return entries;
    }

    private static List<String> take(List<String> half, int k) {
        return k == 0 || k >= half.size() ? half : half.subList(0, k);
    }

    private static void addClass(
            List<IndexEntry> out,
            String key,
            int label,
            Split split,
            Map<String, String> byVendor) {
        new TreeMap<>(byVendor)
                .forEach(
                        (vendor, path) ->
                                out.add(
                                        new IndexEntry(
                                                vendor + "/" + key,
                                                path,
                                                label,
                                                key,
                                                split,
                                                Role.ALL)));
    }

    private static int[] codePoints(String key) {
        String[] parts = key.split("-");
        int[] cps = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                cps[i] = Integer.parseInt(parts[i], 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a code-point sequence: '" + key + "'", e);
            }
        }
        return cps;
    }
}
