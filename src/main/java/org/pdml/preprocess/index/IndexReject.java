package org.pdml.preprocess.index;

import java.nio.file.Path;

/**
 * An index row that cannot become an entry but must not stop the run (a duplicate id, a label that
 * is not in the class list); preprocessing writes it to {@code rejects.jsonl}.
 *
 * @param id the row's id
 * @param path the row's image path, relative to the dataset root
 * @param file the metadata file
 * @param line 1-based line (or element) number in the file
 * @param reason why it is rejected, e.g. "duplicate id"
 */
public record IndexReject(String id, String path, Path file, int line, String reason) {

    /**
     * Formats as {@code file:line: reason (id ..., path ...)}.
     *
     * @return a one-line description
     */
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason + " (id '" + id + "', path '" + path + "')";
    }
}
