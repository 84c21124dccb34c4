package org.pdml.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.pdml.util.WireNames;

/**
 * Reflection over the config records: the YAML keys, their Java types and descriptions. Sections
 * are records; leaves are strings, integers, floats, booleans, enums, or lists of those.
 */
final class Schema {
    /** Reflection is repeated for every key of every load; the field lists never change. */
    private static final ClassValue<List<Field>> FIELDS =
            new ClassValue<>() {
                @Override
                protected List<Field> computeValue(Class<?> record) {
                    return List.copyOf(reflect(record));
                }
            };

    private Schema() {}

    /**
     * One field of a config record.
     *
     * @param key YAML key (snake_case)
     * @param component the record component
     * @param type the component's generic type
     * @param doc its description
     */
    record Field(String key, RecordComponent component, Type type, Doc doc) {
        /**
         * Returns whether this field is a section (a nested record).
         *
         * @return true for records
         */
        boolean isSection() {
            return type instanceof Class<?> c && c.isRecord();
        }
    }

    /**
     * Lists the fields of a config record in declaration order.
     *
     * @param record a config record class
     * @return its fields
     * @throws IllegalStateException if a component lacks {@link Doc} (a programming error)
     */
    static List<Field> fields(Class<?> record) {
        return FIELDS.get(record);
    }

    private static List<Field> reflect(Class<?> record) {
        List<Field> out = new ArrayList<>();
        for (RecordComponent c : record.getRecordComponents()) {
            Doc doc = c.getAnnotation(Doc.class);
            if (doc == null) {
                throw new IllegalStateException(
                        record.getName() + "." + c.getName() + " has no @Doc");
            }
            out.add(new Field(WireNames.key(c.getName()), c, c.getGenericType(), doc));
        }
        return out;
    }

    /**
     * Finds a field by key.
     *
     * @param record a config record class
     * @param key YAML key
     * @return the field, or null when the record has no such key
     */
    static Field field(Class<?> record, String key) {
        for (Field f : fields(record)) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        return null;
    }

    /**
     * Lists every dotted leaf path under a record, depth first in declaration order.
     *
     * @param record a config record class
     * @param prefix path prefix ("" at the root)
     * @return dotted paths such as {@code train.optimizer.lr}
     */
    static List<String> leafPaths(Class<?> record, String prefix) {
        List<String> out = new ArrayList<>();
        for (Field f : fields(record)) {
            String path = prefix + f.key();
            if (f.isSection()) {
                out.addAll(leafPaths((Class<?>) f.type(), path + "."));
            } else {
                out.add(path);
            }
        }
        return out;
    }

    /**
     * Names a type for messages and help: {@code int}, {@code float}, {@code string}, {@code bool},
     * {@code a|b|c}, {@code list<int>} or {@code section}.
     *
     * @param type a field type
     * @return a short human-readable name
     */
    static String typeName(Type type) {
        if (type instanceof ParameterizedType p) {
            return "list<" + typeName(p.getActualTypeArguments()[0]) + ">";
        }
        Class<?> c = (Class<?>) type;
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return "int";
        }
        if (c == double.class || c == Double.class) {
            return "float";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "bool";
        }
        if (c == String.class) {
            return "string";
        }
        if (c.isEnum()) {
            return Arrays.stream(c.getEnumConstants())
                    .map(e -> WireNames.value((Enum<?>) e))
                    .collect(Collectors.joining("|"));
        }
        return "section";
    }

    /**
     * Returns the element type of a list field.
     *
     * @param type a {@code List<E>} type
     * @return E
     */
    static Class<?> elementType(Type type) {
        return (Class<?>) ((ParameterizedType) type).getActualTypeArguments()[0];
    }
}
