package org.pdml.pipeline;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The stages of {@code pdml run}, in execution order. */
public enum StageName {
    /** Images → examples (shards + manifest). */
    PREPROCESS,
    /** Examples → model (checkpoints + exported model). */
    TRAIN,
    /** Model + examples → eval report (metrics + plots). */
    EVALUATE;

    /**
     * Returns the lower-case name used on the command line, in folder names and in tracking.
     *
     * @return e.g. {@code "train"}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name.
     *
     * @param text e.g. {@code "train"} (case-insensitive)
     * @return the stage
     * @throws IllegalArgumentException naming the text and the valid names
     */
    public static StageName parse(String text) {
        for (StageName s : values()) {
            if (s.wireName().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown stage '"
                        + text
                        + "'; expected one of "
                        + Arrays.stream(values())
                                .map(StageName::wireName)
                                .collect(Collectors.joining("|")));
    }
}
