package org.pdml.preprocess.image;

/**
 * Why one input of the index did not become a record. Each reason is a Beam counter name and the
 * {@code reason} field of a {@code rejects.jsonl} line; names are stable.
 */
public enum RejectReason {
    /** The bytes claim an image format but cannot be decoded. */
    CORRUPT,
    /** The image data ends before the format's end marker. */
    TRUNCATED,
    /** The file has zero bytes. */
    EMPTY_FILE,
    /** The bytes start with no known image signature. */
    NOT_AN_IMAGE,
    /** The content is an image of a different format than the file extension names. */
    WRONG_EXTENSION,
    /** Width × height in the header exceeds the configured pixel limit (decompression bomb). */
    TOO_MANY_PIXELS,
    /**
     * The longer side exceeds {@code --max-aspect} times the shorter, or the resized image would be
     * longer than an encoder supports.
     */
    EXTREME_ASPECT,
    /** The image decoded, but resizing or encoding it failed. */
    UNENCODABLE,
    /** The path in the index does not exist, or is a symbolic link whose target does not. */
    MISSING_FILE,
    /** The path is a folder, FIFO, socket or device, not a regular file; it is never opened. */
    NOT_A_REGULAR_FILE,
    /** The file exists but could not be read (I/O error, permissions). */
    UNREADABLE,
    /** Another index entry with the same id came first (in path order). */
    DUPLICATE_ID,
    /** The entry's label is not in the dataset's class list. */
    UNKNOWN_LABEL,
    /**
     * The entry's path resolves outside the dataset root: lexically ({@code ../x}, an absolute
     * path) or through a symbolic link (checked on the real path); the file is never read.
     */
    PATH_ESCAPES_ROOT
}
