package org.pdml.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** The trials of a sweep, in the order they are started: combination by combination, each seed. */
public final class SweepPlan {

    /** Keys the sweep itself sets on every trial: a grid may not vary them. */
    public static final Set<String> RESERVED_KEYS = Set.of("seed", "eval.split", "data.output");

    private SweepPlan() {}

    /**
     * Plans the trials.
     *
     * @param grid the axes
     * @param random with a value n, a random search over n of the combinations (drawn with {@code
     *     baseSeed}), else every combination
     * @param seeds how many seeds per combination, at least 1: {@code baseSeed}, {@code baseSeed +
     *     1}, ...
     * @param baseSeed the config's {@code seed}
     * @return the trials
     * @throws IllegalArgumentException when a grid key is reserved or {@code seeds < 1}
     */
    public static List<SweepTrial> trials(
            SweepGrid grid, OptionalInt random, int seeds, long baseSeed) {
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds needs at least 1, got " + seeds);
        }
        for (SweepGrid.Axis axis : grid.axes()) {
            if (RESERVED_KEYS.contains(axis.key())) {
                throw new IllegalArgumentException(
                        "--grid may not vary "
                                + axis.key()
                                + ": the sweep sets it (seeds with --seeds; trials are scored"
                                + " on the validation split, each seed in its own examples folder)");
            }
        }
        List<Map<String, String>> combinations = grid.combinations();
        List<Integer> chosen =
                random.isPresent()
                        ? grid.sample(random.getAsInt(), baseSeed)
                        : java.util.stream.IntStream.range(0, combinations.size()).boxed().toList();
        List<SweepTrial> out = new ArrayList<>();
        for (int c : chosen) {
            for (int s = 0; s < seeds; s++) {
                out.add(new SweepTrial(c, combinations.get(c), baseSeed + s));
            }
        }
        return out;
    }
}
