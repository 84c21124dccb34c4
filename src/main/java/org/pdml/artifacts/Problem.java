package org.pdml.artifacts;

/**
 * One defect found while verifying an artifact.
 *
 * @param file the file at fault, relative to the artifact folder (e.g. a shard path or
 *     "manifest.json")
 * @param offset byte offset of the damaged record within the (uncompressed) shard, or -1 when the
 *     problem is not at a record
 * @param message what is wrong
 */
public record Problem(String file, long offset, String message) {

    /** Offset value of problems that concern a whole file. */
    public static final long NO_OFFSET = -1;

    /**
     * Creates a problem about a whole file.
     *
     * @param file the file at fault
     * @param message what is wrong
     * @return the problem
     */
    public static Problem ofFile(String file, String message) {
        return new Problem(file, NO_OFFSET, message);
    }

    /**
     * Formats as {@code file @ offset N: message} (or {@code file: message}).
     *
     * @return a one-line description
     */
    @Override
    public String toString() {
        return file + (offset >= 0 ? " @ offset " + offset : "") + ": " + message;
    }
}
