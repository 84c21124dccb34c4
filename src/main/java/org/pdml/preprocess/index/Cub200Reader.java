package org.pdml.preprocess.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pdml.preprocess.index.MetadataLines.Line;

/**
 * CUB-200-2011 ({@code CUB_200_2011/}): {@code images.txt} ({@code <image_id> <path under
 * images/>}), {@code image_class_labels.txt} ({@code <image_id> <class_id>}) and {@code
 * classes.txt} ({@code <class_id> <name>}). Classes 1-100 are TRAIN and 101-200 TEST (role ALL);
 * {@code train_test_split.txt} is image-level and ignored. Ids are the image ids; paths are {@code
 * images/<path>}; class names are those of classes.txt, e.g. {@code 001.Black_footed_Albatross}.
 */
public final class Cub200Reader implements IndexReader {
    /** Last training class id. */
    public static final int LAST_TRAIN_CLASS = 100;

    private final boolean strict;

    /**
     * Creates the reader.
     *
     * @param strict whether to require the published counts ({@link PublishedCounts#CUB200})
     */
    public Cub200Reader(boolean strict) {
        this.strict = strict;
    }

    @Override
    public List<IndexEntry> read(Path root) throws IOException {
        Map<Integer, String> classes = classNames(root.resolve("classes.txt"));
        Path labelsFile = root.resolve("image_class_labels.txt");
        Map<String, Integer> labelOf = imageLabels(labelsFile);
        Path imagesFile = root.resolve("images.txt");
        List<RawEntry> raw = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Line line : MetadataLines.read(imagesFile)) {
            String[] f = MetadataLines.fields(imagesFile, line, "image_id", "path");
            Integer cls = labelOf.get(f[0]);
            seen.add(f[0]);
            if (cls == null) {
                throw new MalformedIndexException(
                        imagesFile,
                        line.number(),
                        "image " + f[0] + " has no line in " + labelsFile.getFileName());
            }
            String name = classes.get(cls);
            if (name == null) {
                throw new MalformedIndexException(
                        labelsFile,
                        0,
                        "class " + cls + " of image " + f[0] + " is not in classes.txt");
            }
            Split split = cls <= LAST_TRAIN_CLASS ? Split.TRAIN : Split.TEST;
            raw.add(
                    new RawEntry(
                            f[0],
                            "images/" + f[1],
                            Integer.toString(cls),
                            name,
                            split,
                            Role.ALL,
                            imagesFile,
                            line.number()));
        }
        labelOf.keySet().removeAll(seen);
        if (!labelOf.isEmpty()) {
            throw new MalformedIndexException(
                    labelsFile,
                    0,
                    labelOf.size()
                            + " labelled images are not in images.txt, e.g. "
                            + labelOf.keySet().iterator().next());
        }
        List<IndexEntry> index = IndexAssembler.assemble(raw);
        if (strict) {
            PublishedCounts.CUB200.check(index, imagesFile);
        }
        return index;
    }

    private static Map<Integer, String> classNames(Path file) throws IOException {
        Map<Integer, String> out = new HashMap<>();
        for (Line line : MetadataLines.read(file)) {
            String[] f = MetadataLines.fields(file, line, "class_id", "name");
            int id = MetadataLines.positiveInt(file, line, f[0], "class_id");
            if (out.put(id, f[1]) != null) {
                throw new MalformedIndexException(file, line.number(), "duplicate class id " + id);
            }
        }
        return out;
    }

    private static Map<String, Integer> imageLabels(Path file) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        for (Line line : MetadataLines.read(file)) {
            String[] f = MetadataLines.fields(file, line, "image_id", "class_id");
            int cls = MetadataLines.positiveInt(file, line, f[1], "class_id");
            if (out.put(f[0], cls) != null) {
                throw new MalformedIndexException(
                        file, line.number(), "duplicate id '" + f[0] + "'");
            }
        }
        return out;
    }
}
