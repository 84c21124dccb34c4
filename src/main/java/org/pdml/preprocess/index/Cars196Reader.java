package org.pdml.preprocess.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * CARS196 (Stanford Cars): {@code cars_annos.mat}, a MATLAB v5 file read with MFL. Its struct array
 * {@code annotations} has {@code relative_im_path} (e.g. {@code car_ims/000001.jpg}), the {@code
 * bbox_*} fields, {@code class} (1-196) and {@code test}; the cell array {@code class_names} names
 * the classes. Classes 1-98 are TRAIN and 99-196 TEST (role ALL); the image-level {@code test} flag
 * is ignored. Ids are the file stems ({@code 000001}). In errors the "line" is the 1-based element
 * of {@code annotations}.
 */
public final class Cars196Reader implements IndexReader {
    /** Last training class id. */
    public static final int LAST_TRAIN_CLASS = 98;

    /** Name of the annotation file in the dataset root. */
    public static final String ANNOTATIONS = "cars_annos.mat";

    private final boolean strict;

    /**
     * Creates the reader.
     *
     * @param strict whether to require the published counts ({@link PublishedCounts#CARS196})
     */
    public Cars196Reader(boolean strict) {
        this.strict = strict;
    }

    @Override
    public List<IndexEntry> read(Path root) throws IOException {
        Path file = root.resolve(ANNOTATIONS);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "dataset metadata file missing");
        }
        List<RawEntry> raw = new ArrayList<>();
        try (Mat5File mat = Mat5.readFromFile(file.toFile())) {
            Struct annotations = variable(mat, file, "annotations", Struct.class);
            Cell names = variable(mat, file, "class_names", Cell.class);
            for (int i = 0; i < annotations.getNumElements(); i++) {
                raw.add(entry(file, annotations, names, i));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (e instanceof MalformedIndexException) {
                throw e;
            }
            throw new MalformedIndexException(
                    file, 0, "not a readable annotation file: " + e.getMessage());
        }
        List<IndexEntry> index = IndexAssembler.assemble(raw);
        if (strict) {
            PublishedCounts.CARS196.check(index, file);
        }
        return index;
    }

    private static RawEntry entry(Path file, Struct annotations, Cell names, int i) {
        int element = i + 1;
        String path =
                field(file, annotations, "relative_im_path", i, Char.class).getString().trim();
        Matrix clsField = field(file, annotations, "class", i, Matrix.class);
        double c = clsField.getNumElements() == 1 ? clsField.getDouble(0) : -1;
        if (c < 1 || c > names.getNumElements() || c != Math.rint(c)) {
            throw new MalformedIndexException(
                    file,
                    element,
                    "annotations("
                            + element
                            + ").class must be an integer in 1.."
                            + names.getNumElements());
        }
        int cls = (int) c;
        String name = names.getChar(cls - 1).getString().trim();
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        if (path.isEmpty() || fileName.isEmpty()) {
            throw new MalformedIndexException(
                    file, element, "annotations(" + element + ") has an empty relative_im_path");
        }
        String id =
                fileName.contains(".")
                        ? fileName.substring(0, fileName.lastIndexOf('.'))
                        : fileName;
        Split split = cls <= LAST_TRAIN_CLASS ? Split.TRAIN : Split.TEST;
        return new RawEntry(id, path, Integer.toString(cls), name, split, Role.ALL, file, element);
    }

    private static <T extends Array> T variable(
            Mat5File mat, Path file, String name, Class<T> type) {
        for (var entry : mat.getEntries()) {
            if (entry.getName().equals(name)) {
                if (!type.isInstance(entry.getValue())) {
                    throw new MalformedIndexException(
                            file, 0, "variable '" + name + "' is not a " + type.getSimpleName());
                }
                return type.cast(entry.getValue());
            }
        }
        throw new MalformedIndexException(file, 0, "variable '" + name + "' is missing");
    }

    private static <T extends Array> T field(
            Path file, Struct s, String name, int i, Class<T> type) {
        if (!s.getFieldNames().contains(name)) {
            throw new MalformedIndexException(file, 0, "annotations has no field '" + name + "'");
        }
        Array a = s.get(name, i);
        if (!type.isInstance(a)) {
            throw new MalformedIndexException(
                    file,
                    i + 1,
                    "annotations(" + (i + 1) + ")." + name + " is not a " + type.getSimpleName());
        }
        return type.cast(a);
    }
}
