package org.pdml.preprocess.image;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The container formats the decoder accepts, recognised by their leading signature bytes. */
public enum ImageFormat {
    /**
     * JPEG/JFIF/Adobe: starts with {@code FF D8 FF}; its segments lead to EOI {@code FF D9}, which
     * may be followed by other data (motion photos append a video).
     */
    JPEG("jpeg", List.of("jpg", "jpeg", "jpe", "jfif"), new int[] {0xFF, 0xD8, 0xFF}),
    /** PNG: the 8-byte PNG signature; ends with the IEND chunk. */
    PNG("png", List.of("png"), new int[] {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}),
    /** GIF87a/GIF89a: starts with {@code GIF8}; ends with the trailer byte {@code 0x3B}. */
    GIF("gif", List.of("gif"), new int[] {'G', 'I', 'F', '8'}),
    /** Windows bitmap: starts with {@code BM}. */
    BMP("bmp", List.of("bmp"), new int[] {'B', 'M'});

    /** How far from the end an end marker may sit (trailing padding some writers add). */
    private static final int END_MARKER_WINDOW = 1024;

    private static final byte[] PNG_IEND = {'I', 'E', 'N', 'D'};

    private final String imageIoName;
    private final List<String> extensions;
    private final int[] signature;

    ImageFormat(String imageIoName, List<String> extensions, int[] signature) {
        this.imageIoName = imageIoName;
        this.extensions = extensions;
        this.signature = signature;
    }

    /**
     * Returns the ImageIO format name.
     *
     * @return for example {@code "jpeg"}
     */
    public String imageIoName() {
        return imageIoName;
    }

    /**
     * Recognises a format from the first bytes.
     *
     * @param bytes the whole file
     * @return the format, or empty when no signature matches
     */
    public static Optional<ImageFormat> sniff(byte[] bytes) {
        return Arrays.stream(values()).filter(f -> f.matches(bytes)).findFirst();
    }

    /**
     * Returns the format a file extension names.
     *
     * @param fileName a file name or path; only the part after the last dot counts
     * @return the named format, or empty when the extension is absent or not an image extension
     */
    public static Optional<ImageFormat> fromExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        if (dot <= slash) {
            return Optional.empty();
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extensions.contains(ext)).findFirst();
    }

    /**
     * Tells whether the file carries its format's end marker, so that a cut-off file is refused
     * even where the decoder would return a partly grey image.
     *
     * @param bytes the whole file
     * @return true when the end marker is present near the end (a GIF's before trailing line
     *     breaks, spaces or zero bytes; a JPEG's anywhere after its last segment; always true for
     *     BMP)
     */
    public boolean hasEndMarker(byte[] bytes) {
        int from = Math.max(0, bytes.length - END_MARKER_WINDOW);
        switch (this) {
            case JPEG:
                // The walk accepts data after EOI; the tail scan keeps a damaged header (which
                // the walk cannot follow) for the decoder to call corrupt.
                return JpegSegments.isComplete(bytes) || hasJpegEoiNear(bytes, from);
            case PNG:
                for (int i = bytes.length - PNG_IEND.length; i >= from; i--) {
                    if (Arrays.equals(bytes, i, i + 4, PNG_IEND, 0, 4)) {
                        return true;
                    }
                }
                return false;
            case GIF:
                int last = bytes.length - 1;
                while (last > 0 && isPadding(bytes[last])) {
                    last--;
                }
                return bytes[last] == 0x3B;
            default:
                return true;
        }
    }

    private static boolean hasJpegEoiNear(byte[] bytes, int from) {
        for (int i = bytes.length - 2; i >= from; i--) {
            if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == 0xD9) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPadding(byte b) {
        return b == 0 || b == '\n' || b == '\r' || b == ' ' || b == '\t';
    }

    private boolean matches(byte[] bytes) {
        if (bytes.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((bytes[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
