package org.pdml.preprocess.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pdml.preprocess.index.MetadataLines.Line;

/**
 * Stanford Online Products ({@code Stanford_Online_Products/}): {@code Ebay_train.txt} (TRAIN) and
 * {@code Ebay_test.txt} (TEST), each a header line {@code image_id class_id super_class_id path}
 * then one image per line; role ALL. Image ids restart in each file, so ids are {@code
 * train-<image_id>} and {@code test-<image_id>}; the class name is the class id.
 */
public final class SopReader implements IndexReader {
    private static final String[] HEADER = {"image_id", "class_id", "super_class_id", "path"};

    private final boolean strict;

    /**
     * Creates the reader.
     *
     * @param strict whether to require the published counts ({@link PublishedCounts#SOP})
     */
    public SopReader(boolean strict) {
        this.strict = strict;
    }

    @Override
    public List<IndexEntry> read(Path root) throws IOException {
        List<RawEntry> raw = new ArrayList<>();
        readFile(root.resolve("Ebay_train.txt"), Split.TRAIN, raw);
        readFile(root.resolve("Ebay_test.txt"), Split.TEST, raw);
        List<IndexEntry> index = IndexAssembler.assemble(raw);
        if (strict) {
            PublishedCounts.SOP.check(index, root.resolve("Ebay_train.txt"));
        }
        return index;
    }

    private static void readFile(Path file, Split split, List<RawEntry> out) throws IOException {
        List<Line> lines = MetadataLines.read(file);
        if (lines.isEmpty()
                || !String.join(" ", MetadataLines.fields(file, lines.get(0), HEADER))
                        .equals(String.join(" ", HEADER))) {
            throw new MalformedIndexException(
                    file, 1, "expected the header '" + String.join(" ", HEADER) + "'");
        }
        for (Line line : lines.subList(1, lines.size())) {
            String[] f = MetadataLines.fields(file, line, HEADER);
            MetadataLines.positiveInt(file, line, f[0], "image_id");
            int cls = MetadataLines.positiveInt(file, line, f[1], "class_id");
            MetadataLines.positiveInt(file, line, f[2], "super_class_id");
            String key = Integer.toString(cls);
            out.add(
                    new RawEntry(
                            split.wireName() + "-" + f[0],
                            f[3],
                            key,
                            key,
                            split,
                            Role.ALL,
                            file,
                            line.number()));
        }
    }
}
