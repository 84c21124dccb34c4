package org.pdml.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The configurations of a hyper-parameter sweep: the Cartesian product of its axes, each axis a
 * config key and the values it takes ({@code pdml sweep --grid 'loss.temperature.init=[0.1,1,3]'}).
 * Values stay strings: each becomes a {@code key=value} override, which the config loader types and
 * validates as it does on the command line.
 *
 * @param axes the axes, in the order given; keys distinct
 */
public record SweepGrid(List<Axis> axes) {

    /**
     * One axis.
     *
     * @param key a dotted config key
     * @param values its values, in the order given, at least one, distinct
     */
    public record Axis(String key, List<String> values) {
        /** Validates and copies. */
        public Axis {
            if (key.isBlank() || values.isEmpty()) {
                throw new IllegalArgumentException("a grid axis needs a key and a value: " + key);
            }
            if (values.stream().distinct().count() != values.size()) {
                throw new IllegalArgumentException("grid axis " + key + " repeats a value");
            }
            values = List.copyOf(values);
        }
    }

    /** Validates and copies. */
    public SweepGrid {
        if (axes.stream().map(Axis::key).distinct().count() != axes.size()) {
            throw new IllegalArgumentException("a config key appears on two grid axes");
        }
        axes = List.copyOf(axes);
    }

    /**
     * Parses one {@code --grid} option: {@code key=[v1,v2,...]} or {@code key=v1,v2,...}; values
     * are trimmed and may not be empty.
     *
     * @param spec the option's text
     * @return the axis
     * @throws IllegalArgumentException naming the option when it does not parse
     */
    public static Axis parseAxis(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--grid '" + spec + "' is not key=[v1,v2,...]");
        }
        String key = spec.substring(0, eq).trim();
        String list = spec.substring(eq + 1).trim();
        if (list.startsWith("[") != list.endsWith("]")) {
            throw new IllegalArgumentException("--grid '" + spec + "': unbalanced [ ]");
        }
        if (list.startsWith("[")) {
            list = list.substring(1, list.length() - 1);
        }
        List<String> values = new ArrayList<>();
        for (String v : list.split(",", -1)) {
            if (v.isBlank()) {
                throw new IllegalArgumentException("--grid '" + spec + "' has an empty value");
            }
            values.add(v.trim());
        }
        return new Axis(key, values);
    }

    /**
     * Every combination of the axes' values, the last axis varying fastest; with no axes, the one
     * empty combination (the config as it is).
     *
     * @return key → value maps in the axes' order
     */
    public List<Map<String, String>> combinations() {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Axis axis : axes) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String value : axis.values()) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(axis.key(), value);
                    next.add(m);
                }
            }
            out = next;
        }
        return out.stream().map(Collections::unmodifiableMap).toList();
    }

    /**
     * The indices into {@link #combinations()} of a random search: {@code n} distinct combinations
     * drawn uniformly with {@code seed} (a seeded shuffle), in increasing order; all of them when
     * {@code n} is at least their number.
     *
     * @param n how many, at least 1
     * @param seed the draw's seed
     * @return sorted indices
     */
    public List<Integer> sample(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("--random needs at least 1 trial, got " + n);
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < combinations().size(); i++) {
            all.add(i);
        }
        Collections.shuffle(all, new Random(seed));
        List<Integer> chosen = new ArrayList<>(all.subList(0, Math.min(n, all.size())));
        Collections.sort(chosen);
        return chosen;
    }
}
