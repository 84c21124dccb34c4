package org.pdml.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Binds a YAML tree to config records, strictly: unknown keys, wrong types and missing required
 * keys fail with the full dotted key path and the source. In check mode (for one file of an {@code
 * extends} chain) missing keys are allowed and nothing is constructed.
 */
final class TreeBinder {
    private final String source;
    private final boolean partial;

    private TreeBinder(String source, boolean partial) {
        this.source = source;
        this.partial = partial;
    }

    /**
     * Binds a complete tree.
     *
     * @param tree the merged YAML mapping
     * @param type the record to build
     * @param source the file name used in messages
     * @param <T> the record type
     * @return the bound record
     * @throws ConfigException on an unknown key, wrong type or missing required key
     */
    static <T> T bind(JsonNode tree, Class<T> type, String source) {
        return type.cast(new TreeBinder(source, false).section(tree, type, ""));
    }

    /**
     * Checks keys and types of a partial tree (one file of a chain) without requiring keys.
     *
     * @param tree a YAML mapping
     * @param type the record it describes
     * @param source the file name used in messages
     * @throws ConfigException on an unknown key or a wrong type
     */
    static void check(JsonNode tree, Class<?> type, String source) {
        new TreeBinder(source, true).section(tree, type, "");
    }

    private Object section(JsonNode node, Class<?> type, String prefix) {
        if (!node.isObject()) {
            String path = prefix.isEmpty() ? "<root>" : prefix.substring(0, prefix.length() - 1);
            throw typeError(path, "a mapping (section)", node);
        }
        rejectUnknownKeys(node, type, prefix);
        List<Object> values = new ArrayList<>();
        for (Schema.Field f : Schema.fields(type)) {
            values.add(field(node.get(f.key()), f, prefix + f.key()));
        }
        return partial ? null : construct(type, values);
    }

    private void rejectUnknownKeys(JsonNode node, Class<?> type, String prefix) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (Schema.field(type, key) == null) {
                List<String> segments = new ArrayList<>(List.of(key));
                JsonNode below = node.get(key);
                while (below.isObject() && below.size() > 0) {
                    String first = below.fieldNames().next();
                    segments.add(first);
                    below = below.get(first);
                }
                throw new ConfigException(KeySuggester.unknownKey(source, type, prefix, segments));
            }
        }
    }

    private Object field(JsonNode node, Schema.Field f, String path) {
        if (node == null || node.isNull()) {
            if (f.doc().optional() || partial) {
                return null;
            }
            throw new ConfigException(
                    source
                            + ": missing required key '"
                            + path
                            + "' ("
                            + Schema.typeName(f.type())
                            + ": "
                            + f.doc().value()
                            + ")");
        }
        if (f.isSection()) {
            return section(node, (Class<?>) f.type(), path + ".");
        }
        if (f.type() instanceof Class<?> c) {
            return ScalarReader.read(node, c, path, source);
        }
        return list(node, f.type(), path);
    }

    private List<Object> list(JsonNode node, Type type, String path) {
        if (!node.isArray()) {
            throw typeError(path, "a list (" + Schema.typeName(type) + ")", node);
        }
        Class<?> element = Schema.elementType(type);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(ScalarReader.read(node.get(i), element, path + "[" + i + "]", source));
        }
        return out;
    }

    private ConfigException typeError(String path, String expected, JsonNode node) {
        return new ConfigException(ScalarReader.typeMessage(source, path, expected, node));
    }

    private static Object construct(Class<?> type, List<Object> values) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            parameterTypes[i] = components[i].getType();
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
            return constructor.newInstance(values.toArray());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }
}
