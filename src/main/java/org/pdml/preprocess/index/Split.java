package org.pdml.preprocess.index;

import org.pdml.util.WireNames;

/** A class-disjoint partition of a dataset. VAL classes are carved from the TRAIN classes. */
public enum Split {
    /** Training classes. */
    TRAIN,
    /** Validation classes, carved from the training half (model selection only). */
    VAL,
    /** Test classes (final evaluation only). */
    TEST;

    /**
     * Returns the lower-case name used in folders, manifests and records.
     *
     * @return "train", "val" or "test"
     */
    public String wireName() {
        return WireNames.value(this);
    }

    /**
     * Parses a wire name, case-insensitively.
     *
     * @param s "train", "val" or "test"
     * @return the split
     * @throws IllegalArgumentException naming the value if it is none of those
     */
    public static Split parse(String s) {
        return WireNames.parse(Split.class, s, "split");
    }
}
