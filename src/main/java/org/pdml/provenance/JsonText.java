package org.pdml.provenance;

import java.util.Map;
import org.pdml.util.JsonStrings;

/**
 * A minimal JSON writer for provenance (JDK only): maps with string keys written in their iteration
 * order, strings, numbers, booleans and null; two-space indentation.
 */
final class JsonText {
    private JsonText() {}

    /**
     * Writes a value as indented JSON.
     *
     * @param value a map, string, number, boolean or null
     * @return JSON text ending in a newline
     */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, "", out);
        return out.append('\n').toString();
    }

    private static void write(Object value, String indent, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            writeMap(map, indent, out);
        } else if (value instanceof String s) {
            JsonStrings.quote(s, out);
        } else if (value == null || value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private static void writeMap(Map<?, ?> map, String indent, StringBuilder out) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        String inner = indent + "  ";
        out.append("{\n");
        String sep = "";
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.append(sep).append(inner);
            JsonStrings.quote(String.valueOf(e.getKey()), out);
            out.append(": ");
            write(e.getValue(), inner, out);
            sep = ",\n";
        }
        out.append('\n').append(indent).append('}');
    }
}
