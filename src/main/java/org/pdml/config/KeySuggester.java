package org.pdml.config;

import java.util.List;

/**
 * Suggests the intended key for a misspelt one: the sibling key with the smallest edit distance,
 * when that distance is small relative to the key's length.
 */
final class KeySuggester {
    private KeySuggester() {}

    /** Keys that were removed, with what to write instead. */
    private static final java.util.Map<String, String> REMOVED =
            java.util.Map.of(
                    "model.pretrained",
                    "was removed: it loaded no weights unless model.backbone was torchscript. A"
                            + " pretrained backbone is model.backbone: torchscript with"
                            + " model.torchscript_path naming the exported module (docs/usage.md)");

    /**
     * Builds the "unknown key" message, with a suggestion when one is close.
     *
     * @param source the file or override that holds the key
     * @param record the section in which the key was looked up
     * @param prefix dotted path of that section, "" or ending in '.'
     * @param segments the unknown key followed by any deeper segments written under it
     * @return e.g. {@code x.yaml: unknown key 'train.optimiser.lr' (did you mean
     *     'train.optimizer.lr'?)}
     */
    static String unknownKey(String source, Class<?> record, String prefix, List<String> segments) {
        String written = prefix + String.join(".", segments);
        if (REMOVED.containsKey(written)) {
            return source + ": key '" + written + "' " + REMOVED.get(written);
        }
        String best = closest(segments.get(0), record);
        String message = source + ": unknown key '" + written + "'";
        if (best == null) {
            return message;
        }
        List<String> rest = segments.subList(1, segments.size());
        String suggestion = prefix + best;
        String tail = String.join(".", rest);
        if (!rest.isEmpty() && Schema.leafPaths(record, prefix).contains(suggestion + "." + tail)) {
            suggestion = suggestion + "." + tail;
        }
        return message + " (did you mean '" + suggestion + "'?)";
    }

    private static String closest(String key, Class<?> record) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Schema.Field f : Schema.fields(record)) {
            int d = distance(key, f.key());
            if (d < bestDistance) {
                best = f.key();
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, key.length() / 3);
        return bestDistance <= allowed ? best : null;
    }

    /**
     * Levenshtein distance (insertions, deletions and substitutions of one character cost 1).
     *
     * @param a first string
     * @param b second string
     * @return the edit distance
     */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
