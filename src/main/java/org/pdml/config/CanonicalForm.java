package org.pdml.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pdml.util.JsonStrings;
import org.pdml.util.Sha256;
import org.pdml.util.WireNames;

/**
 * The canonical serialisation of a config record (the whole config or one section): JSON with keys
 * sorted by code point, no whitespace, enums as their YAML values, integers in decimal, floats as
 * the shortest plain decimal of {@link Double#toString} with trailing zeros removed ({@code 1e-5}
 * and {@code 0.00001} both become {@code 0.00001}), null for absent optional fields. Its SHA-256 is
 * the config hash of provenance and the config part of stage fingerprints.
 */
public final class CanonicalForm {
    private CanonicalForm() {}

    /**
     * Returns the canonical JSON of a config record.
     *
     * @param section a config record ({@link PdmlConfig} or one of its sections)
     * @return canonical JSON text
     */
    public static String json(Record section) {
        StringBuilder out = new StringBuilder();
        writeJson(plain(section), out);
        return out.toString();
    }

    /**
     * Returns the SHA-256 of the canonical JSON (UTF-8).
     *
     * @param section a config record
     * @return 64 lower-case hex digits
     */
    public static String sha256(Record section) {
        return Sha256.ofUtf8(json(section));
    }

    /**
     * Formats a float canonically.
     *
     * @param value a finite double
     * @return e.g. {@code 0.00001}, {@code 5000}, {@code 0.003}, {@code -2.5}
     */
    public static String number(double value) {
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        String plain = d.toPlainString();
        return plain.length() <= 24 ? plain : d.toString();
    }

    /** Writes the record as YAML in schema order. */
    static String yaml(Record section) {
        return YamlTrees.write(YamlTrees.toNode(plain(section)));
    }

    /** Flattens the record to dotted keys and canonical texts, sorted by key. */
    static Map<String, String> flatten(Record section) {
        Map<String, String> out = new TreeMap<>();
        flattenInto("", plain(section), out);
        return out;
    }

    private static void flattenInto(String prefix, Object value, Map<String, String> out) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                flattenInto(prefix + e.getKey() + ".", e.getValue(), out);
            }
            return;
        }
        StringBuilder text = new StringBuilder();
        if (value instanceof String s) {
            text.append(s);
        } else {
            writeJson(value, text);
        }
        out.put(prefix.substring(0, prefix.length() - 1), text.toString());
    }

    /** Converts records to ordered maps and enums to their YAML values. */
    private static Object plain(Object value) {
        if (value instanceof Record r) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Schema.Field f : Schema.fields(r.getClass())) {
                out.put(f.key(), plain(accessor(f, r)));
            }
            return out;
        }
        if (value instanceof Enum<?> e) {
            return WireNames.value(e);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(plain(item)));
            return out;
        }
        return value;
    }

    private static Object accessor(Schema.Field f, Record r) {
        try {
            return f.component().getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + f.key(), e);
        }
    }

    private static void writeJson(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put((String) k, v));
            String sep = "";
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                out.append(sep);
                JsonStrings.quote(e.getKey(), out);
                out.append(':');
                writeJson(e.getValue(), out);
                sep = ",";
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                writeJson(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof String s) {
            JsonStrings.quote(s, out);
        } else if (value instanceof Double d) {
            out.append(number(d));
        } else {
            out.append(value); // Integer, Long, Boolean or null
        }
    }
}
