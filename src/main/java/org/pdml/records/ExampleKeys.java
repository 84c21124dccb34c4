package org.pdml.records;

/**
 * Feature keys of a pdml image record (a tf.Example). The {@code image/*} keys follow the
 * TensorFlow object-detection and TFDS conventions so that other tools read them; keys specific to
 * pdml live under {@link #PDML_PREFIX}.
 */
public final class ExampleKeys {
    /** bytes: the encoded PNG or JPEG image. */
    public static final String IMAGE_ENCODED = "image/encoded";

    /** bytes: "png" or "jpeg". */
    public static final String IMAGE_FORMAT = "image/format";

    /** int64: height in pixels after preprocessing. */
    public static final String IMAGE_HEIGHT = "image/height";

    /** int64: width in pixels after preprocessing. */
    public static final String IMAGE_WIDTH = "image/width";

    /** int64: dense 0-based class label within the dataset. */
    public static final String CLASS_LABEL = "image/class/label";

    /** bytes: the original class name or id. */
    public static final String CLASS_TEXT = "image/class/text";

    /** bytes: the record id, unique within the dataset. */
    public static final String IMAGE_ID = "image/id";

    /** bytes: the instance source (e.g. the relative source path, or a vendor or font name). */
    public static final String IMAGE_SOURCE = "image/source";

    /** Prefix of the keys that only pdml defines. */
    public static final String PDML_PREFIX = "pdml/";

    /** bytes: the split, "train", "val" or "test". */
    public static final String SPLIT = PDML_PREFIX + "split";

    /** bytes: the retrieval role, "all", "query" or "gallery". */
    public static final String ROLE = PDML_PREFIX + "role";

    private ExampleKeys() {}
}
