package org.pdml.records;

import java.util.zip.CRC32C;

/**
 * CRC32C (Castagnoli, reflected polynomial 0x82F63B78) and the TFRecord "masked" form.
 *
 * <p>TFRecord stores {@code mask(crc) = ((crc >>> 15) | (crc << 17)) + 0xa282ead8} in uint32
 * arithmetic, because a CRC computed over data that itself embeds CRCs is weak; the rotation and
 * offset break that. All values are returned as Java {@code int}s holding the uint32 bit pattern.
 */
public final class Crc32c {
    private static final int MASK_DELTA = 0xa282ead8;

    private Crc32c() {}

    /**
     * Computes the plain CRC32C of a byte range.
     *
     * @param data the bytes
     * @param offset first byte of the range
     * @param length number of bytes
     * @return the CRC32C as a uint32 bit pattern
     */
    public static int checksum(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }

    /**
     * Masks a CRC the way TFRecord stores it.
     *
     * @param crc a plain CRC32C as a uint32 bit pattern
     * @return {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8} modulo 2^32
     */
    public static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    /**
     * Inverts {@link #mask(int)}.
     *
     * @param masked a masked CRC
     * @return the plain CRC32C
     */
    public static int unmask(int masked) {
        int rotated = masked - MASK_DELTA;
        return (rotated >>> 17) | (rotated << 15);
    }

    /**
     * Computes the masked CRC32C of a byte range, as stored in TFRecord framing.
     *
     * @param data the bytes
     * @param offset first byte of the range
     * @param length number of bytes
     * @return {@code mask(checksum(data, offset, length))}
     */
    public static int masked(byte[] data, int offset, int length) {
        return mask(checksum(data, offset, length));
    }
}
