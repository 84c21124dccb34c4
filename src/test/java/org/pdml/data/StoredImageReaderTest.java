package org.pdml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The loader's decode path (a per-thread ImageIO reader, then {@link RgbImage#of}'s raster copy)
 * against the oracle it replaces: {@code ImageIO.read} followed by {@code getRGB} of every pixel.
 */
class StoredImageReaderTest {

    @ParameterizedTest(name = "{0} of a TYPE {1} image, {2}x{3}")
    @CsvSource({
        "jpeg, 5, 61, 47", // TYPE_3BYTE_BGR: colour JPEG, the raster fast path
        "png, 5, 33, 20",
        "jpeg, 10, 40, 31", // TYPE_BYTE_GRAY: a grey JPEG decodes to grey, getRGB's path
        "png, 2, 17, 23", // TYPE_INT_ARGB: PNG with alpha
        "bmp, 5, 19, 12" // neither JPEG nor PNG: ImageIO.read itself
    })
    void decodesExactlyWhatImageIoAndGetRgbGive(String format, int type, int w, int h)
            throws IOException {
        byte[] bytes = encode(noise(type, w, h, 7), format);
        RgbImage got = RgbImage.of(StoredImageReader.read(bytes));
        assertEquals(w, got.width());
        assertEquals(h, got.height());
        assertArrayEquals(oracle(ImageIO.read(new ByteArrayInputStream(bytes))), got.rgb());
    }

    @Test
    void aFailedDecodeLeavesTheThreadsReaderUsable() throws IOException {
        byte[] good = encode(noise(BufferedImage.TYPE_3BYTE_BGR, 30, 20, 3), "jpeg");
        byte[] truncated = Arrays.copyOf(good, 40); // signature intact, scan data missing
        assertEquals("jpeg", StoredImageReader.formatOf(truncated));
        assertThrows(IOException.class, () -> StoredImageReader.read(truncated));
        RgbImage after = RgbImage.of(StoredImageReader.read(good));
        assertArrayEquals(oracle(ImageIO.read(new ByteArrayInputStream(good))), after.rgb());
    }

    @Test
    void bytesNoReaderAcceptsGiveNull() throws IOException {
        assertNull(StoredImageReader.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}));
        assertNull(StoredImageReader.formatOf(new byte[] {(byte) 0xFF, (byte) 0xD8}));
    }

    @Test
    void aSubImageOfABgrRasterTakesGetRgbsPathAndAgrees() {
        BufferedImage whole = noise(BufferedImage.TYPE_3BYTE_BGR, 40, 30, 11);
        BufferedImage sub = whole.getSubimage(5, 7, 20, 10);
        assertArrayEquals(oracle(sub), RgbImage.of(sub).rgb());
        assertArrayEquals(oracle(whole), RgbImage.of(whole).rgb());
    }

    /** R, G, B of every pixel from {@code getRGB}, row-major. */
    private static byte[] oracle(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                int i = 3 * (y * w + x);
                out[i] = (byte) (argb >> 16);
                out[i + 1] = (byte) (argb >> 8);
                out[i + 2] = (byte) argb;
            }
        }
        return out;
    }

    private static BufferedImage noise(int type, int w, int h, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage image = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // a gradient plus noise: JPEG keeps some of it, so pixels differ from each other
                int r = (x * 255 / w + random.nextInt(40)) & 0xff;
                int g = (y * 255 / h + random.nextInt(40)) & 0xff;
                int b = random.nextInt(256);
                image.setRGB(x, y, (random.nextInt(256) << 24) | (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IllegalStateException("no " + format + " writer for type " + image.getType());
        }
        return out.toByteArray();
    }
}
