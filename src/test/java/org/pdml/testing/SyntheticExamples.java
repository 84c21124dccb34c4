package org.pdml.testing;

import com.google.protobuf.ByteString;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.pdml.preprocess.ExamplesFolders;
import org.pdml.records.ImageRecord;
import org.pdml.records.ImageRecordCodec;
import org.pdml.records.ShardNames;
import org.pdml.records.TfRecordWriter;

/**
 * A fixture generator (not a fake of any component): writes an examples folder of synthetic PNGs in
 * the real shard format with a real manifest, one class per (colour, stripe orientation, stripe
 * frequency), with per-image noise and jitter, so small networks can learn it in a few steps.
 */
public final class SyntheticExamples {
    private SyntheticExamples() {}

    /**
     * Writes {@code <dir>/<split>/part-00000-of-00001.tfrecord} for each split.
     *
     * @param dir examples folder
     * @param trainClasses classes of the train split (labels 0..)
     * @param valClasses classes of the val split (labels after train's), 0 for none
     * @param perClass images per class
     * @param size image side in pixels
     * @param seed noise seed
     * @throws IOException if writing fails
     */
    public static void write(
            Path dir, int trainClasses, int valClasses, int perClass, int size, long seed)
            throws IOException {
        writeSplit(dir, "train", 0, trainClasses, perClass, size, seed);
        if (valClasses > 0) {
            writeSplit(dir, "val", trainClasses, valClasses, perClass, size, seed + 1);
        }
    }

    /**
     * Writes one split's shard {@code <dir>/<split>/part-00000-of-00001.tfrecord}, then commits the
     * folder's manifest anew over every shard on disk ({@link ExamplesFolders#commit}), so the
     * folder reads through the verified reader.
     *
     * @param dir examples folder
     * @param split split name
     * @param firstLabel label of the first class
     * @param classes number of classes
     * @param perClass images per class
     * @param size image side in pixels
     * @param seed noise seed
     * @throws IOException if writing fails
     */
    public static void writeSplit(
            Path dir, String split, int firstLabel, int classes, int perClass, int size, long seed)
            throws IOException {
        writeSplit(dir, split, firstLabel, classes, perClass, size, seed, c -> c);
    }

    /**
     * Writes one split's shard whose images of label c are drawn as class {@code look(c)}, then
     * commits the manifest as above: with a look shared by several labels, those classes cannot be
     * told apart (a hard split).
     *
     * @param dir examples folder
     * @param split split name
     * @param firstLabel label of the first class
     * @param classes number of classes
     * @param perClass images per class
     * @param size image side in pixels
     * @param seed noise seed
     * @param look label → the class whose pattern its images show
     * @throws IOException if writing fails
     */
    public static void writeSplit(
            Path dir,
            String split,
            int firstLabel,
            int classes,
            int perClass,
            int size,
            long seed,
            java.util.function.IntUnaryOperator look)
            throws IOException {
        Path shard = dir.resolve(ShardNames.format(split, 0, 1));
        Files.createDirectories(shard.getParent());
        SplittableRandom random = new SplittableRandom(seed);
        try (TfRecordWriter writer = TfRecordWriter.open(shard)) {
            for (int c = firstLabel; c < firstLabel + classes; c++) {
                for (int i = 0; i < perClass; i++) {
                    byte[] png = png(image(look.applyAsInt(c), size, random));
                    String id = split + "-" + c + "-" + i;
                    writer.write(
                            ImageRecordCodec.encode(
                                    new ImageRecord(
                                            id,
                                            ByteString.copyFrom(png),
                                            "png",
                                            size,
                                            size,
                                            c,
                                            "class" + c,
                                            "synthetic",
                                            split,
                                            "all")));
                }
            }
        }
        ExamplesFolders.commit(dir, "synthetic");
    }

    /**
     * Writes an image folder as the {@code folder} dataset reads it: {@code
     * <root>/class<c>/<i>.png}, 32 px images drawn by {@link #image}.
     *
     * @param root the folder to fill
     * @param classes number of classes
     * @param perClass images per class
     * @param seed noise seed
     * @throws IOException if a file cannot be written
     */
    public static void writeFolder(Path root, int classes, int perClass, long seed)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        for (int c = 0; c < classes; c++) {
            Path dir = Files.createDirectories(root.resolve("class" + c));
            for (int i = 0; i < perClass; i++) {
                ImageIO.write(image(c, 32, random), "png", dir.resolve(i + ".png").toFile());
            }
        }
    }

    /**
     * Writes loose images as {@code pdml embed} reads them: {@code <dir>/img<i>.png}, image i of
     * class i, drawn by {@link #image}.
     *
     * @param dir the folder to create and fill
     * @param count number of images
     * @param size side in pixels
     * @param seed noise seed
     * @return {@code dir}
     * @throws IOException if a file cannot be written
     */
    public static Path writeLoose(Path dir, int count, int size, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            ImageIO.write(image(i, size, random), "png", dir.resolve("img" + i + ".png").toFile());
        }
        return dir;
    }

    /**
     * Draws one image of class c.
     *
     * @param c class label
     * @param size side in pixels
     * @param random noise source
     * @return an RGB image
     */
    public static BufferedImage image(int c, int size, SplittableRandom random) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        double angle = (c % 4) * Math.PI / 4;
        double freq = 0.25 + 0.15 * ((c / 4) % 3);
        int base = 0x404040 + ((c * 0x2F5A1B) & 0x7F7F7F);
        double phase = random.nextDouble() * Math.PI;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double s = Math.sin(freq * (x * Math.cos(angle) + y * Math.sin(angle)) + phase);
                int shade = (int) (60 * s + random.nextInt(-20, 21));
                img.setRGB(x, y, shift(base, shade));
            }
        }
        return img;
    }

    private static int shift(int rgb, int delta) {
        int r = clamp(((rgb >> 16) & 0xFF) + delta);
        int g = clamp(((rgb >> 8) & 0xFF) + delta);
        int b = clamp((rgb & 0xFF) + delta);
        return (r << 16) | (g << 8) | b;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
