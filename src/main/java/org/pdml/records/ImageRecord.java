package org.pdml.records;

import com.google.protobuf.ByteString;
import java.util.Objects;
import java.util.Set;

/**
 * One labelled, preprocessed image: the content of one TFRecord record.
 *
 * @param id unique id within the dataset (non-empty)
 * @param encoded the encoded image bytes (immutable)
 * @param format "png" or "jpeg"
 * @param height height in pixels, &gt; 0
 * @param width width in pixels, &gt; 0
 * @param label dense 0-based class label, &ge; 0
 * @param classText the original class name or id
 * @param source the instance source (relative source path, vendor, font), may be empty
 * @param split "train", "val" or "test" (empty when unknown)
 * @param role "all", "query" or "gallery" (empty when unknown)
 */
public record ImageRecord(
        String id,
        ByteString encoded,
        String format,
        int height,
        int width,
        int label,
        String classText,
        String source,
        String split,
        String role) {

    /** Accepted values of {@link #format()}. */
    public static final Set<String> FORMATS = Set.of("png", "jpeg");

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException naming the id and the bad field
     * @throws NullPointerException if any field is null
     */
    public ImageRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(encoded, "encoded");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(classText, "classText");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(role, "role");
        require(!id.isEmpty(), id, "id is empty");
        require(FORMATS.contains(format), id, "format must be png or jpeg, got '" + format + "'");
        require(height > 0 && width > 0, id, "size must be positive, got " + width + "x" + height);
        require(label >= 0, id, "label must be >= 0, got " + label);
    }

    /**
     * Returns a copy of the encoded image bytes.
     *
     * @return a fresh array
     */
    public byte[] encodedBytes() {
        return encoded.toByteArray();
    }

    private static void require(boolean ok, String id, String message) {
        if (!ok) {
            throw new IllegalArgumentException("image record '" + id + "': " + message);
        }
    }
}
