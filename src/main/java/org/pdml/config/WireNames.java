package org.pdml.config;

import java.util.Locale;

/**
 * The mapping between Java names and YAML names: record components {@code camelCase} are keys
 * {@code snake_case}; enum constants {@code UPPER_CASE} are values {@code lower-case}.
 */
final class WireNames {
    private WireNames() {}

    /**
     * Converts a record component name to its YAML key.
     *
     * @param component e.g. {@code samplesPerClass}
     * @return e.g. {@code samples_per_class}
     */
    static String key(String component) {
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
     * Converts an enum constant to its YAML value.
     *
     * @param constant e.g. {@code EL_NIVMF}
     * @return e.g. {@code el-nivmf}
     */
    static String value(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Finds the enum constant with the given YAML value.
     *
     * @param type the enum class
     * @param value the YAML value, e.g. {@code paper-approx}
     * @return the constant, or null when no constant has that value
     */
    static Enum<?> constant(Class<?> type, String value) {
        for (Object e : type.getEnumConstants()) {
            Enum<?> constant = (Enum<?>) e;
            if (value(constant).equals(value)) {
                return constant;
            }
        }
        return null;
    }
}
