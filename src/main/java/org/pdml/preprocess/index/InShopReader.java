package org.pdml.preprocess.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pdml.preprocess.index.MetadataLines.Line;

/**
 * In-Shop Clothes Retrieval (DeepFashion): {@code Eval/list_eval_partition.txt}; line 1 is the
 * image count, line 2 the header {@code image_name item_id evaluation_status}, then one row {@code
 * <img/... path> <item_id> <train|query|gallery>} per image. {@code train} rows are TRAIN with role
 * ALL; {@code query} and {@code gallery} rows are TEST with roles QUERY and GALLERY. Ids are the
 * image paths (unique); the class is the item id, e.g. {@code id_00000002}.
 */
public final class InShopReader implements IndexReader {
    /** The partition file, relative to the dataset root. */
    public static final String PARTITION = "Eval/list_eval_partition.txt";

    private static final String[] HEADER = {"image_name", "item_id", "evaluation_status"};

    private final boolean strict;

    /**
     * Creates the reader.
     *
     * @param strict whether to require the published counts ({@link PublishedCounts#INSHOP})
     */
    public InShopReader(boolean strict) {
        this.strict = strict;
    }

    @Override
    public List<IndexEntry> read(Path root) throws IOException {
        Path file = root.resolve(PARTITION);
        List<Line> lines = MetadataLines.read(file);
        if (lines.size() < 2) {
            throw new MalformedIndexException(file, 0, "expected a count line and a header line");
        }
        int declared =
                MetadataLines.positiveInt(file, lines.get(0), lines.get(0).text(), "image count");
        String[] header = MetadataLines.fields(file, lines.get(1), HEADER);
        if (!String.join(" ", header).equals(String.join(" ", HEADER))) {
            throw new MalformedIndexException(
                    file,
                    lines.get(1).number(),
                    "expected the header '" + String.join(" ", HEADER) + "'");
        }
        List<RawEntry> raw = new ArrayList<>();
        for (Line line : lines.subList(2, lines.size())) {
            String[] f = MetadataLines.fields(file, line, HEADER);
            Split split = f[2].equals("train") ? Split.TRAIN : Split.TEST;
            Role role =
                    switch (f[2]) {
                        case "train" -> Role.ALL;
                        case "query" -> Role.QUERY;
                        case "gallery" -> Role.GALLERY;
                        default ->
                                throw new MalformedIndexException(
                                        file,
                                        line.number(),
                                        "evaluation_status must be train, query or gallery, got '"
                                                + f[2]
                                                + "'");
                    };
            raw.add(new RawEntry(f[0], f[0], f[1], f[1], split, role, file, line.number()));
        }
        if (raw.size() != declared) {
            throw new MalformedIndexException(
                    file,
                    lines.get(0).number(),
                    "declares " + declared + " images but lists " + raw.size());
        }
        List<IndexEntry> index = IndexAssembler.assemble(raw);
        if (strict) {
            PublishedCounts.INSHOP.check(index, file);
        }
        return index;
    }
}
