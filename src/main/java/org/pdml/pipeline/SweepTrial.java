package org.pdml.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One trial of a sweep: a combination of the grid, run with one seed and evaluated on the
 * validation split. Its id names its folder, so a resumed sweep finds the trials already done.
 *
 * @param combination index of the combination in {@link SweepGrid#combinations()}
 * @param overrides the combination, key → value
 * @param seed the run's top-level {@code seed}
 */
public record SweepTrial(int combination, Map<String, String> overrides, long seed) {

    /** The split every trial is scored on: selection never sees the test split. */
    public static final String SELECTION_SPLIT = "val";

    /** Copies. */
    public SweepTrial {
        overrides = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(overrides));
    }

    /**
     * The trial's folder name, {@code c<combination>-s<seed>}, e.g. {@code c003-s1}.
     *
     * @return the id
     */
    public String id() {
        return String.format("c%03d-s%d", combination, seed);
    }

    /**
     * The {@code key=value} overrides of {@code pdml run} for this trial: the combination, then its
     * own examples folder, the seed and the validation split, which come last so that nothing in
     * the grid replaces them.
     *
     * <p>Why its own examples folder: the validation carve draws from the seed, so trials of
     * different seeds (or of different {@code data.*} values) preprocess differently, and two runs
     * that wrote one {@code data.output} at once would corrupt each other's shards. Trials that
     * differ only in other keys share the folder, and the stage cache preprocesses it once.
     *
     * @param baseOutput the config's {@code data.output}
     * @return the overrides
     */
    public List<String> runOverrides(String baseOutput) {
        List<String> out = new ArrayList<>();
        overrides.forEach((k, v) -> out.add(k + "=" + v));
        boolean variesData = overrides.keySet().stream().anyMatch(k -> k.startsWith("data."));
        String folder = variesData ? id() : "s" + seed;
        out.add("data.output=" + stripSlash(baseOutput) + "-" + folder);
        out.add("seed=" + seed);
        out.add("eval.split=" + SELECTION_SPLIT);
        return out;
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
