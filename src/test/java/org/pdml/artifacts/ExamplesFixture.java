package org.pdml.artifacts;

import com.google.protobuf.ByteString;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.preprocess.ExamplesFolders;
import org.pdml.records.ImageRecord;

/**
 * A small committed examples folder of real PNGs: train labels 0, 1, 2 with 3, 2, 1 images, test
 * labels 3, 4 with 2, 2 images; two shards per split.
 */
public final class ExamplesFixture {
    /** Images per label, index = label; labels 0-2 train, 3-4 test. */
    public static final int[] COUNTS = {3, 2, 1, 2, 2};

    private ExamplesFixture() {}

    /**
     * Returns the fixture's records.
     *
     * @return 10 records
     */
    public static List<ImageRecord> records() {
        List<ImageRecord> out = new ArrayList<>();
        for (int label = 0; label < COUNTS.length; label++) {
            for (int i = 0; i < COUNTS[label]; i++) {
                String split = label < 3 ? "train" : "test";
                out.add(
                        new ImageRecord(
                                "c" + label + "-" + i,
                                ByteString.copyFrom(png(label, i)),
                                "png",
                                6,
                                8,
                                label,
                                "class-" + label,
                                "src/c" + label + "/" + i + ".png",
                                split,
                                "all"));
            }
        }
        return out;
    }

    /**
     * Writes and commits the fixture ({@link ExamplesFolders#write}).
     *
     * @param dir the examples folder
     * @return the committed manifest
     * @throws IOException if writing fails
     */
    public static ExamplesManifest create(Path dir) throws IOException {
        return create(dir, false);
    }

    /**
     * Writes and commits the fixture ({@link ExamplesFolders#write}).
     *
     * @param dir the examples folder
     * @param gzip whether shards are {@code .tfrecord.gz}
     * @return the committed manifest
     * @throws IOException if writing fails
     */
    public static ExamplesManifest create(Path dir, boolean gzip) throws IOException {
        return ExamplesFolders.write(dir, "fixture", records(), 2, gzip);
    }

    static byte[] png(int label, int i) {
        BufferedImage img = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        img.setRGB(i, label, new Color(40 * label, 20 * i, 200).getRGB());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
