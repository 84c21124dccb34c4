package org.pdml.util;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one mapping between Java names and the names pdml writes and reads (YAML keys and values,
 * command-line values, folder names, manifests, records, tracking): record components {@code
 * camelCase} are keys {@code snake_case}; enum constants {@code UPPER_CASE} are values {@code
 * lower-case}, an underscore becoming a dash ({@code EL_NIVMF} is {@code el-nivmf}).
 */
public final class WireNames {
    private WireNames() {}

    /**
     * Converts a record component name to its key.
     *
     * @param component e.g. {@code samplesPerClass}
     * @return e.g. {@code samples_per_class}
     */
    public static String key(String component) {
        StringBuilder out = new StringBuilder(component.length() + 4);
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Converts an enum constant to its wire name.
     *
     * @param constant e.g. {@code EL_NIVMF}
     * @return e.g. {@code el-nivmf}
     */
    public static String value(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Finds the enum constant with exactly the given wire name (the strict form config files use).
     *
     * @param type the enum class
     * @param value the wire name, e.g. {@code paper-approx}
     * @return the constant, or null when no constant has that name
     */
    public static Enum<?> constant(Class<?> type, String value) {
        for (Object e : type.getEnumConstants()) {
            Enum<?> constant = (Enum<?>) e;
            if (value(constant).equals(value)) {
                return constant;
            }
        }
        return null;
    }

    /**
     * Parses a wire name leniently (surrounding blanks and case ignored), the form the command line
     * and index files use.
     *
     * @param type the enum class
     * @param text e.g. {@code " Train"}
     * @param what what the name names, for the message, e.g. {@code "split"}
     * @param <E> the enum type
     * @return the constant
     * @throws IllegalArgumentException {@code unknown <what> '<text>'; expected one of a|b|c}
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        for (E e : type.getEnumConstants()) {
            if (value(e).equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException(
                "unknown "
                        + what
                        + " '"
                        + text
                        + "'; expected one of "
                        + Arrays.stream(type.getEnumConstants())
                                .map(WireNames::value)
                                .collect(Collectors.joining("|")));
    }
}
