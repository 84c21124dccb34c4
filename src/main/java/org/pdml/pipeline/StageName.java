package org.pdml.pipeline;

import org.pdml.util.WireNames;

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
        return WireNames.value(this);
    }

    /**
     * Parses a wire name.
     *
     * @param text e.g. {@code "train"} (case-insensitive)
     * @return the stage
     * @throws IllegalArgumentException naming the text and the valid names
     */
    public static StageName parse(String text) {
        return WireNames.parse(StageName.class, text, "stage");
    }
}
