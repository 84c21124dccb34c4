package org.pdml.preprocess.index;

import java.util.Objects;

/**
 * One image of a dataset index.
 *
 * @param id unique id within the dataset (stable across runs; used for shard assignment)
 * @param path image path relative to the dataset root, with '/' separators
 * @param label dense 0-based label, assigned by sorted original class id over the whole dataset
 * @param className the original class name or id
 * @param split the class-disjoint split
 * @param role the retrieval role within the split
 */
public record IndexEntry(
        String id, String path, int label, String className, Split split, Role role) {

    /**
     * Validates the fields.
     *
     * @throws NullPointerException if any reference is null
     * @throws IllegalArgumentException if id or path is empty or label is negative
     */
    public IndexEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(role, "role");
        if (id.isEmpty() || path.isEmpty()) {
            throw new IllegalArgumentException("index entry needs an id and a path: " + id);
        }
        if (label < 0) {
            throw new IllegalArgumentException("entry '" + id + "': negative label " + label);
        }
    }

    /**
     * Returns a copy with another split (used by the validation carve).
     *
     * @param newSplit the split
     * @return the copy
     */
    public IndexEntry withSplit(Split newSplit) {
        return new IndexEntry(id, path, label, className, newSplit, role);
    }
}
