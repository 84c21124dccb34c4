package org.pdml.preprocess.index;

import java.nio.file.Path;

/**
 * A dataset's metadata is malformed or inconsistent. The message names the file and, where one line
 * is at fault, its 1-based line number.
 */
public final class MalformedIndexException extends IllegalArgumentException {
    private final Path file;
    private final int line;

    /**
     * Creates the exception for one line of a file.
     *
     * @param file the metadata file
     * @param line 1-based line number, or 0 when the problem concerns the whole file
     * @param reason what is wrong
     */
    public MalformedIndexException(Path file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
    }

    /**
     * Returns the file at fault.
     *
     * @return the file
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the line at fault.
     *
     * @return 1-based line number, or 0 for the whole file
     */
    public int line() {
        return line;
    }
}
