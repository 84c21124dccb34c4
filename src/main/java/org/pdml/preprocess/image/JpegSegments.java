package org.pdml.preprocess.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Walks a JPEG's marker segments (length-prefixed headers, entropy-coded scan data) from its SOI,
 * without decoding pixels: to tell whether the image is complete (its top-level EOI is reached,
 * whatever follows it, e.g. a motion photo's video) and to read the EXIF orientation tag.
 */
final class JpegSegments {
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP1 = 0xE1;
    private static final int ORIENTATION_TAG = 0x0112;
    private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

    private JpegSegments() {}

    /**
     * Tells whether the image data ends with its EOI marker; bytes after it are allowed. An EOI
     * inside a segment (e.g. an EXIF thumbnail's) does not count.
     *
     * @param b the whole file, starting with SOI
     * @return true when the walk from SOI reaches the top-level EOI
     */
    static boolean isComplete(byte[] b) {
        int i = 2;
        while (i + 1 < b.length) {
            int marker = b[i + 1] & 0xFF;
            if ((b[i] & 0xFF) != 0xFF) {
                return false;
            }
            if (marker == EOI) {
                return true;
            }
            i = next(b, i, marker);
        }
        return false;
    }

    /**
     * Reads the EXIF orientation (TIFF tag 0x0112 of IFD0 in the APP1 "Exif" segment).
     *
     * @param b the whole file, starting with SOI
     * @return 1..8, or 1 when the file has no readable orientation
     */
    static int orientation(byte[] b) {
        int i = 2;
        while (i + 3 < b.length && (b[i] & 0xFF) == 0xFF) {
            int marker = b[i + 1] & 0xFF;
            if (marker == SOS || marker == EOI) {
                return 1;
            }
            if (marker == APP1 && startsWith(b, i + 4, EXIF)) {
                int value = tiffOrientation(b, i + 4 + EXIF.length, i + 2 + u16(b, i + 2, true));
                return value >= 1 && value <= 8 ? value : 1;
            }
            i = next(b, i, marker);
        }
        return 1;
    }

    /** The offset of the marker after the one at {@code i} (past a scan's entropy data). */
    private static int next(byte[] b, int i, int marker) {
        if (marker == 0xFF) {
            return i + 1; // fill byte
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            return i + 2; // stand-alone marker
        }
        if (i + 3 >= b.length) {
            return b.length;
        }
        int length = u16(b, i + 2, true);
        int end = length < 2 ? b.length : i + 2 + length;
        return marker == SOS ? afterEntropyData(b, end) : end;
    }

    /** The first marker after scan data: {@code FF} followed by neither 00 nor RSTn. */
    private static int afterEntropyData(byte[] b, int from) {
        for (int j = from; j + 1 < b.length; j++) {
            int next = b[j + 1] & 0xFF;
            if ((b[j] & 0xFF) == 0xFF
                    && next != 0x00
                    && next != 0xFF
                    && !(next >= 0xD0 && next <= 0xD7)) {
                return j;
            }
        }
        return b.length;
    }

    /** The orientation in a TIFF structure at {@code tiff}, bounded by {@code end}; else 1. */
    private static int tiffOrientation(byte[] b, int tiff, int end) {
        end = Math.min(end, b.length);
        if (tiff + 8 > end) {
            return 1;
        }
        boolean big = b[tiff] == 'M' && b[tiff + 1] == 'M';
        long ifd = tiff + u32(b, tiff + 4, big);
        if (ifd + 2 > end) {
            return 1;
        }
        int count = u16(b, (int) ifd, big);
        for (int k = 0; k < count; k++) {
            int entry = (int) ifd + 2 + 12 * k;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, big) == ORIENTATION_TAG) {
                return u16(b, entry + 8, big);
            }
        }
        return 1;
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        return at + prefix.length <= b.length
                && Arrays.equals(b, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static int u16(byte[] b, int at, boolean big) {
        int x = b[at] & 0xFF;
        int y = b[at + 1] & 0xFF;
        return big ? x << 8 | y : y << 8 | x;
    }

    private static long u32(byte[] b, int at, boolean big) {
        long hi = u16(b, big ? at : at + 2, big);
        long lo = u16(b, big ? at + 2 : at, big);
        return hi << 16 | lo;
    }
}
