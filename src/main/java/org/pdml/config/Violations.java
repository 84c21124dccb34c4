package org.pdml.config;

import java.util.ArrayList;
import java.util.List;

/** Collects cross-field rule violations so that the user sees all of them at once. */
final class Violations {
    private final List<String> messages = new ArrayList<>();

    /**
     * Records a violation unless the rule holds.
     *
     * @param holds whether the rule is satisfied
     * @param path dotted key path of the offending field
     * @param message what the rule requires
     */
    void require(boolean holds, String path, String message) {
        if (!holds) {
            messages.add("key '" + path + "' " + message);
        }
    }

    /**
     * Requires {@code lo <= value <= hi}.
     *
     * @param value the value
     * @param lo inclusive lower bound
     * @param hi inclusive upper bound
     * @param path dotted key path
     */
    void inRange(double value, double lo, double hi, String path) {
        require(
                value >= lo && value <= hi,
                path,
                "must be in [" + text(lo) + ", " + text(hi) + "], got " + text(value));
    }

    /**
     * Requires {@code value >= lo}.
     *
     * @param value the value
     * @param lo inclusive lower bound
     * @param path dotted key path
     */
    void atLeast(double value, double lo, String path) {
        require(value >= lo, path, "must be >= " + text(lo) + ", got " + text(value));
    }

    /**
     * Requires {@code value > 0}.
     *
     * @param value the value
     * @param path dotted key path
     */
    void positive(double value, String path) {
        require(value > 0, path, "must be > 0, got " + text(value));
    }

    private static String text(double value) {
        return Double.isFinite(value) ? CanonicalForm.number(value) : Double.toString(value);
    }

    /**
     * Requires a strictly increasing list of numbers.
     *
     * @param values the list
     * @param path dotted key path
     */
    void increasing(List<? extends Number> values, String path) {
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i).doubleValue() <= values.get(i - 1).doubleValue()) {
                require(false, path, "must be strictly increasing, got " + values);
                return;
            }
        }
    }

    /**
     * Throws when any violation was recorded.
     *
     * @param source the config's file name
     * @throws ConfigException listing every violation, one per line
     */
    void throwIfAny(String source) {
        if (!messages.isEmpty()) {
            throw new ConfigException(
                    source + ": invalid config:\n  " + String.join("\n  ", messages));
        }
    }
}
