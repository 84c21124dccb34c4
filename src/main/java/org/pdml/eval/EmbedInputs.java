package org.pdml.eval;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.VerifiedExamples;
import org.pdml.data.RecordTransforms;
import org.pdml.data.RgbImage;
import org.pdml.data.SplitImages;
import org.pdml.records.ImageRecord;

/**
 * The images {@code pdml embed} reads: either every record of an examples folder written by {@code
 * pdml preprocess} (splits train, val, test in that order, shard order within each; verified
 * against its manifest by {@link VerifiedExamples}), or every image file (png, jpg, jpeg, bmp, gif)
 * under a folder, or one image file, in path order. Raw files are decoded with {@code
 * javax.imageio}; transparent pixels are composited onto white, as Emoji-Vendors preprocessing
 * does.
 */
public final class EmbedInputs {
    /** Splits read from an examples folder, in output order. */
    public static final List<String> SPLITS = List.of("train", "val", "test");

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    private final List<Item> items;
    private final IntFunction<RgbImage> decoder;

    /**
     * One input image.
     *
     * @param id record id, or path relative to the folder ('/'-separated)
     * @param split the split of an examples record, empty for raw files
     * @param label the dataset label of an examples record, empty for raw files
     */
    public record Item(String id, Optional<String> split, Optional<Long> label) {}

    private EmbedInputs(List<Item> items, IntFunction<RgbImage> decoder) {
        this.items = List.copyOf(items);
        this.decoder = decoder;
    }

    /**
     * Lists the images under a path.
     *
     * @param path an examples folder, an image folder or an image file
     * @return the inputs, never empty
     * @throws IOException if a shard or the folder cannot be read
     * @throws IllegalArgumentException naming the path if it does not exist or holds no image
     */
    public static EmbedInputs of(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("--images " + path + " does not exist");
        }
        EmbedInputs in = isExamples(path) ? examples(path) : files(path);
        if (in.size() == 0) {
            throw new IllegalArgumentException(
                    path + " holds no shards and no image file (" + EXTENSIONS + ")");
        }
        return in;
    }

    /** An examples folder has a manifest, or shards (then the missing manifest is refused). */
    private static boolean isExamples(Path path) throws IOException {
        ExamplesArtifact a = ExamplesArtifact.at(path);
        return Files.isDirectory(path) && (a.isComplete() || !a.allShardsOnDisk().isEmpty());
    }

    private static EmbedInputs examples(Path dir) throws IOException {
        List<Item> items = new ArrayList<>();
        List<SplitImages> splits = new ArrayList<>();
        List<int[]> where = new ArrayList<>();
        VerifiedExamples verified = VerifiedExamples.open(dir);
        for (String s : SPLITS) {
            if (verified.hasSplit(s)) {
                SplitImages images = SplitImages.load(verified, s);
                for (int i = 0; i < images.size(); i++) {
                    ImageRecord r = images.get(i);
                    items.add(new Item(r.id(), Optional.of(s), Optional.of((long) r.label())));
                    where.add(new int[] {splits.size(), i});
                }
                splits.add(images);
            }
        }
        return new EmbedInputs(
                items,
                row -> {
                    int[] w = where.get(row);
                    return RecordTransforms.decode(splits.get(w[0]).get(w[1]));
                });
    }

    private static EmbedInputs files(Path path) throws IOException {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                files =
                        walk.filter(Files::isRegularFile)
                                .filter(EmbedInputs::isImage)
                                .sorted()
                                .toList();
            }
        } else {
            files = List.of(path);
        }
        Path base = Files.isDirectory(path) ? path : path.getParent();
        List<Item> items = new ArrayList<>();
        for (Path f : files) {
            String id = base == null ? f.toString() : base.relativize(f).toString();
            items.add(new Item(id.replace('\\', '/'), Optional.empty(), Optional.empty()));
        }
        return new EmbedInputs(items, row -> decodeFile(files.get(row)));
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /**
     * Decodes an image file to RGB, compositing any transparency onto white.
     *
     * @param file the image
     * @return its pixels
     * @throws UncheckedIOException naming the file if it cannot be read or decoded
     */
    static RgbImage decodeFile(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IOException("no image reader accepts the file");
            }
            BufferedImage rgb =
                    new BufferedImage(
                            image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            try {
                g.drawImage(image, 0, 0, Color.WHITE, null);
            } finally {
                g.dispose();
            }
            return RgbImage.of(rgb);
        } catch (IOException e) {
            throw new UncheckedIOException("image " + file + " does not decode", e);
        }
    }

    /** Returns the number of images N. */
    public int size() {
        return items.size();
    }

    /** Returns the images' ids and labels, in row order. */
    public List<Item> items() {
        return items;
    }

    /**
     * Decodes image {@code row}.
     *
     * @param row index in [0, N)
     * @return its pixels
     * @throws UncheckedIOException naming the file or record if it does not decode
     */
    public RgbImage image(int row) {
        return decoder.apply(row);
    }
}
