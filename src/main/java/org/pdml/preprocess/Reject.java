package org.pdml.preprocess;

import java.util.Objects;
import org.pdml.preprocess.image.RejectReason;

/**
 * One refused index entry: a line of {@code rejects.jsonl}.
 *
 * @param path the entry's path as given in the index (relative to the dataset root)
 * @param id the entry's id
 * @param reason the typed reason
 * @param message a human-readable explanation
 */
public record Reject(String path, String id, RejectReason reason, String message) {

    /**
     * Validates the fields.
     *
     * @throws NullPointerException if any field is null
     */
    public Reject {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
