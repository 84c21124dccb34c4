package org.pdml.tracking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pdml.util.Sha256;

/**
 * Turns a nested config ({@code Map}s, {@code List}s and scalars) into MLflow params: dotted keys
 * ({@code train.optimizer.lr}, list elements as {@code data.splits.0}), values via {@code
 * String.valueOf}, within MLflow's limits (key ≤ {@value #MAX_KEY_LENGTH}, value ≤ {@value
 * #MAX_VALUE_LENGTH} characters). What had to be shortened is reported in {@link
 * Flattened#truncatedKeys()}, so the tracker can record it in the tag {@link #TRUNCATED_TAG}.
 */
public final class ConfigFlattener {

    /** MLflow's maximum param/tag/metric key length. */
    public static final int MAX_KEY_LENGTH = 250;

    /** MLflow's maximum param value length. */
    public static final int MAX_VALUE_LENGTH = 6000;

    /** Tag listing the keys whose key or value was shortened. */
    public static final String TRUNCATED_TAG = "pdml.params.truncated";

    /** Appended to a shortened value. */
    static final String ELLIPSIS = "...[truncated]";

    /**
     * The flattened params and the keys that were shortened.
     *
     * @param params dotted key to value, in the config's iteration order
     * @param truncatedKeys the final keys whose key or value was shortened
     */
    public record Flattened(Map<String, String> params, List<String> truncatedKeys) {
        /** Copies both collections. */
        public Flattened {
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
            truncatedKeys = List.copyOf(truncatedKeys);
        }
    }

    private ConfigFlattener() {}

    /**
     * Flattens a nested config.
     *
     * @param config nested maps/lists/scalars; {@code null} values become {@code "null"}
     * @return dotted params within MLflow's limits
     */
    public static Flattened flatten(Map<String, ?> config) {
        Map<String, String> raw = new LinkedHashMap<>();
        walk("", config, raw);
        Map<String, String> params = new LinkedHashMap<>();
        List<String> truncated = new ArrayList<>();
        raw.forEach(
                (key, value) -> {
                    String k = shortenKey(key);
                    String v = shortenValue(value);
                    if (!k.equals(key) || !v.equals(value)) {
                        truncated.add(k);
                    }
                    params.put(k, v);
                });
        return new Flattened(params, truncated);
    }

    private static void walk(String prefix, Object node, Map<String, String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(join(prefix, String.valueOf(k)), v, out));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(join(prefix, Integer.toString(i)), list.get(i), out);
            }
        } else {
            out.put(prefix, String.valueOf(node));
        }
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    /**
     * Shortens a key to {@value #MAX_KEY_LENGTH} characters, keeping it unique by ending it with 8
     * hex digits of the full key's SHA-256.
     *
     * @param key a dotted key
     * @return the key itself when short enough
     */
    static String shortenKey(String key) {
        if (key.length() <= MAX_KEY_LENGTH) {
            return key;
        }
        String hash = sha256Hex(key).substring(0, 8);
        return key.substring(0, MAX_KEY_LENGTH - 9) + "~" + hash;
    }

    /**
     * Shortens a value to {@value #MAX_VALUE_LENGTH} characters, ending with {@link #ELLIPSIS}.
     *
     * @param value a param value
     * @return the value itself when short enough
     */
    public static String shortenValue(String value) {
        return shortenTo(value, MAX_VALUE_LENGTH);
    }

    /**
     * Shortens text to {@code max} characters, ending with {@link #ELLIPSIS}.
     *
     * @param value text
     * @param max maximum length, larger than the ellipsis
     * @return the text itself when short enough
     */
    public static String shortenTo(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        return value.substring(0, max - ELLIPSIS.length()) + ELLIPSIS;
    }

    private static String sha256Hex(String s) {
        return Sha256.ofUtf8(s);
    }
}
