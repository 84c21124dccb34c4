package org.pdml.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Applies Hydra-style {@code key=value} overrides with dotted paths ({@code
 * train.optimizer.lr=1e-5}). The key must name an existing leaf of the schema, and the value is
 * parsed as that leaf's type; lists are written {@code [1,2]} or {@code 1,2}, and {@code null}
 * clears an optional field.
 */
final class Overrides {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Overrides() {}

    /**
     * Applies overrides in order; later ones win.
     *
     * @param tree the merged config tree, modified in place
     * @param overrides {@code key=value} strings
     * @throws ConfigException naming the override when the key is unknown, is a section, or the
     *     value does not parse as the key's type
     */
    static void apply(ObjectNode tree, List<String> overrides) {
        for (String override : overrides) {
            applyOne(tree, override);
        }
    }

    private static void applyOne(ObjectNode tree, String override) {
        String source = "override '" + override + "'";
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(source + ": expected key=value with a dotted key");
        }
        String path = override.substring(0, eq).trim();
        Schema.Field leaf = resolve(path, source);
        JsonNode value = parse(override.substring(eq + 1).trim(), leaf, path, source);
        ObjectNode parent = tree;
        String[] segments = path.split("\\.");
        for (int i = 0; i < segments.length - 1; i++) {
            JsonNode child = parent.get(segments[i]);
            parent = child instanceof ObjectNode o ? o : parent.putObject(segments[i]);
        }
        parent.set(segments[segments.length - 1], value);
    }

    private static Schema.Field resolve(String path, String source) {
        List<String> segments = Arrays.asList(path.split("\\.", -1));
        Class<?> record = PdmlConfig.class;
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            Schema.Field f = Schema.field(record, segments.get(i));
            if (f == null) {
                throw new ConfigException(
                        KeySuggester.unknownKey(
                                source,
                                record,
                                prefix.toString(),
                                segments.subList(i, segments.size())));
            }
            if (i == segments.size() - 1) {
                if (f.isSection()) {
                    throw new ConfigException(
                            source + ": key '" + path + "' is a section; override one of its keys");
                }
                return f;
            }
            if (!f.isSection()) {
                throw new ConfigException(
                        source + ": key '" + prefix + f.key() + "' is not a section");
            }
            record = (Class<?>) f.type();
            prefix.append(f.key()).append('.');
        }
        throw new IllegalStateException("unreachable");
    }

    private static JsonNode parse(String text, Schema.Field leaf, String path, String source) {
        if (text.equals("null")) {
            if (!leaf.doc().optional()) {
                throw new ConfigException(source + ": key '" + path + "' is required, not null");
            }
            return NODES.nullNode();
        }
        if (leaf.type() instanceof Class<?> c) {
            JsonNode node = scalar(text, c);
            ScalarReader.read(node, c, path, source);
            return node;
        }
        Class<?> element = Schema.elementType(leaf.type());
        ArrayNode list = NODES.arrayNode();
        for (String item : items(text)) {
            JsonNode node = scalar(item, element);
            ScalarReader.read(node, element, path + "[" + list.size() + "]", source);
            list.add(node);
        }
        return list;
    }

    private static List<String> items(String text) {
        String body = text;
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1);
        }
        List<String> out = new ArrayList<>();
        if (body.isBlank()) {
            return out;
        }
        for (String item : body.split(",", -1)) {
            out.add(item.trim());
        }
        return out;
    }

    /** Parses text as the target type where it can; otherwise keeps it as text for the error. */
    private static JsonNode scalar(String text, Class<?> type) {
        try {
            if (type == int.class || type == Integer.class) {
                return NODES.numberNode(Integer.parseInt(text));
            }
            if (type == long.class || type == Long.class) {
                return NODES.numberNode(Long.parseLong(text));
            }
            if (type == double.class || type == Double.class) {
                return NODES.numberNode(Double.parseDouble(text));
            }
        } catch (NumberFormatException e) {
            return NODES.textNode(text);
        }
        if ((type == boolean.class || type == Boolean.class)
                && (text.equals("true") || text.equals("false"))) {
            return NODES.booleanNode(Boolean.parseBoolean(text));
        }
        return NODES.textNode(text);
    }
}
