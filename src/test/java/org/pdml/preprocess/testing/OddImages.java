package org.pdml.preprocess.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Valid image files that are unusual in shape or layout, written with the real ImageIO encoders and
 * then edited at the byte level the way cameras and phones lay them out.
 */
public final class OddImages {
    private OddImages() {}

    /**
     * A JPEG stored sideways with an APP1 EXIF segment carrying an orientation: the stored pixels
     * are {@code w × h}, left half red and right half blue.
     *
     * @param w stored width
     * @param h stored height
     * @param orientation EXIF orientation value (6: rotate 90° clockwise to view)
     * @return the JPEG bytes: SOI, APP1 Exif (big-endian TIFF, IFD0 with tag 0x0112), then the
     *     encoder's segments
     */
    public static byte[] exifJpeg(int w, int h, int orientation) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, x < w / 2 ? 0xFF0000 : 0x0000FF);
            }
        }
        byte[] jpeg = SyntheticImages.write(img, "jpeg");
        ByteBuffer tiff = ByteBuffer.allocate(26); // big-endian by default ("MM")
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1); // one IFD0 entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1);
        tiff.putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0); // no next IFD
        byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff.array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xFF);
        out.writeBytes(exif);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /**
     * A JPEG followed by {@code trailing} bytes of other data, as motion photos append their video.
     *
     * @param trailing how many bytes follow the EOI marker
     * @return the file bytes
     */
    public static byte[] jpegWithTrailer(int trailing) {
        byte[] jpeg = SyntheticImages.write(SyntheticImages.gradient(40, 30), "jpeg");
        byte[] tail = new byte[trailing];
        new Random(3).nextBytes(tail);
        byte[] ftyp = "\0\0\0\u0018ftypmp42".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(ftyp, 0, tail, 0, ftyp.length);
        return concat(jpeg, tail);
    }

    /**
     * A GIF with one trailing newline after its trailer byte.
     *
     * @return the file bytes
     */
    public static byte[] gifWithNewline() {
        return concat(SyntheticImages.twoFrameGif(), new byte[] {'\n'});
    }

    /**
     * A valid {@code w × h} PNG (for thin shapes such as 1 × 70,000).
     *
     * @param w width
     * @param h height
     * @return the PNG bytes
     */
    public static byte[] png(int w, int h) {
        return SyntheticImages.write(SyntheticImages.gradient(w, h), "png");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
