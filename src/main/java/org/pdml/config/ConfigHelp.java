package org.pdml.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.pdml.util.WireNames;

/**
 * Renders the config schema as a table for {@code pdml config help}: every dotted key with its
 * type, its built-in default (or {@code REQUIRED}) and its description.
 */
public final class ConfigHelp {
    private ConfigHelp() {}

    /**
     * One row of the table.
     *
     * @param key dotted key
     * @param type type name: {@code int}, {@code float}, {@code bool}, {@code string}, {@code enum}
     *     (choices in the description) or {@code list<…>}
     * @param defaultValue the built-in default as YAML flow text, {@code REQUIRED} or {@code
     *     (none)} for optional fields without a default
     * @param description one line
     */
    public record Row(String key, String type, String defaultValue, String description) {}

    /**
     * Lists every leaf key of the schema in declaration order.
     *
     * @return the rows
     */
    public static List<Row> rows() {
        List<Row> out = new ArrayList<>();
        collect(PdmlConfig.class, "", ConfigLoader.base(), out);
        return out;
    }

    /**
     * Renders the table as aligned plain text.
     *
     * @return the table, one key per line after a header
     */
    public static String render() {
        List<Row> rows = rows();
        int keyWidth = "key".length();
        int typeWidth = "type".length();
        int defaultWidth = "default".length();
        for (Row r : rows) {
            keyWidth = Math.max(keyWidth, r.key().length());
            typeWidth = Math.max(typeWidth, r.type().length());
            defaultWidth = Math.max(defaultWidth, Math.min(r.defaultValue().length(), 24));
        }
        String format = "%-" + keyWidth + "s  %-" + typeWidth + "s  %-" + defaultWidth + "s  %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(format, "key", "type", "default", "description"));
        for (Row r : rows) {
            out.append(String.format(format, r.key(), r.type(), r.defaultValue(), r.description()));
        }
        return out.toString();
    }

    /** Enums show as {@code enum}: their choices end the description. */
    private static String shortType(Schema.Field f) {
        boolean isEnum = f.type() instanceof Class<?> c && c.isEnum();
        return isEnum ? "enum" : Schema.typeName(f.type());
    }

    private static String shown(Schema.Field f, JsonNode d) {
        if (d == null || d.isNull()) {
            return f.doc().optional() ? "(none)" : "REQUIRED";
        }
        if (d.isArray()) {
            List<String> items = new ArrayList<>();
            d.forEach(item -> items.add(item.asText()));
            return "[" + String.join(",", items) + "]";
        }
        return d.asText();
    }

    private static void collect(Class<?> record, String prefix, JsonNode defaults, List<Row> out) {
        for (Schema.Field f : Schema.fields(record)) {
            JsonNode d = defaults == null ? null : defaults.get(f.key());
            if (f.isSection()) {
                collect((Class<?>) f.type(), prefix + f.key() + ".", d, out);
                continue;
            }
            out.add(new Row(prefix + f.key(), shortType(f), shown(f, d), description(f)));
        }
    }

    /**
     * The field's {@link Doc}, and for an enum its choices, spelt from the enum itself ({@link
     * WireNames}) so that the help can never list a value the binder refuses or miss one it takes.
     */
    private static String description(Schema.Field f) {
        if (!(f.type() instanceof Class<?> c && c.isEnum())) {
            return f.doc().value();
        }
        List<String> choices = new ArrayList<>();
        for (Object constant : c.getEnumConstants()) {
            choices.add(WireNames.value((Enum<?>) constant));
        }
        return f.doc().value() + ": " + String.join("|", choices);
    }
}
