package org.pdml.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.pdml.util.WireNames;

/**
 * Reads one YAML scalar as a Java value of the target type, strictly: integers must be integral
 * numbers in range, floats any finite number, booleans {@code true|false}, strings quoted or plain
 * text, enums one of their wire names.
 */
final class ScalarReader {
    private ScalarReader() {}

    /**
     * Converts a scalar node.
     *
     * @param node the YAML node (not null)
     * @param type int, long, double, boolean (or boxed), String or an enum
     * @param path the dotted key path, for messages
     * @param source the file name, for messages
     * @return the boxed value
     * @throws ConfigException when the node does not have the expected type
     */
    static Object read(JsonNode node, Class<?> type, String path, String source) {
        if (type == int.class || type == Integer.class) {
            if (node.isIntegralNumber() && node.canConvertToInt()) {
                return node.intValue();
            }
        } else if (type == long.class || type == Long.class) {
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                return node.longValue();
            }
        } else if (type == double.class || type == Double.class) {
            if (node.isNumber() && Double.isFinite(node.doubleValue())) {
                return node.doubleValue();
            }
        } else if (type == boolean.class || type == Boolean.class) {
            if (node.isBoolean()) {
                return node.booleanValue();
            }
        } else if (type == String.class) {
            if (node.isTextual()) {
                return node.textValue();
            }
        } else if (type.isEnum()) {
            return enumValue(node, type, path, source);
        }
        throw new ConfigException(typeMessage(source, path, Schema.typeName(type), node));
    }

    private static Object enumValue(JsonNode node, Class<?> type, String path, String source) {
        String text = node.isTextual() ? node.textValue() : null;
        if (node.isBoolean()) {
            // YAML 1.1 reads a bare on/off as a boolean; for an on|off enum, take it back.
            text = node.booleanValue() ? "on" : "off";
        }
        Object value = text == null ? null : WireNames.constant(type, text);
        if (value == null) {
            throw new ConfigException(
                    source
                            + ": key '"
                            + path
                            + "' must be one of "
                            + Schema.typeName(type)
                            + ", got "
                            + describe(node));
        }
        return value;
    }

    /**
     * Builds a wrong-type message.
     *
     * @param source file name
     * @param path dotted key path
     * @param expected expected type name
     * @param node the offending node
     * @return e.g. {@code x.yaml: key 'train.epochs' must be int, got string "ten"}
     */
    static String typeMessage(String source, String path, String expected, JsonNode node) {
        return source + ": key '" + path + "' must be " + expected + ", got " + describe(node);
    }

    private static String describe(JsonNode node) {
        String kind = node.getNodeType().name().toLowerCase(Locale.ROOT);
        String text = node.isContainerNode() ? node.toString() : node.asText();
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        return kind + " '" + text + "'";
    }
}
