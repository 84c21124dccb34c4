package org.pdml.preprocess.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pdml.preprocess.index.MetadataLines.Line;

/**
 * A user CSV index, {@code path,label[,split]} per line, with an optional header line {@code
 * path,label[,split]}. Paths are relative to the dataset root (checked later by preprocessing,
 * which rejects paths that escape it); labels are class names or ids; the split is {@code train},
 * {@code val} or {@code test}. Either every row has a split or none has; without one, the {@link
 * ClassRangeSplit} applies. Fields are not quoted, so paths must not contain commas. Ids are the
 * paths; role ALL.
 */
public final class CsvIndexReader implements IndexReader {
    /** Default index file name in the dataset root. */
    public static final String DEFAULT_FILE = "index.csv";

    private final String fileName;

    /**
     * Creates a reader of {@code root/<fileName>}.
     *
     * @param fileName the CSV file, relative to the dataset root (or absolute)
     */
    public CsvIndexReader(String fileName) {
        this.fileName = fileName;
    }

    /** Creates a reader of {@code root/index.csv}. */
    public CsvIndexReader() {
        this(DEFAULT_FILE);
    }

    @Override
    public IndexResult readAll(Path root) throws IOException {
        Path file = root.resolve(fileName);
        List<Line> lines = MetadataLines.read(file);
        if (!lines.isEmpty() && isHeader(lines.get(0).text())) {
            lines = lines.subList(1, lines.size());
        }
        List<String[]> rows = new ArrayList<>();
        Set<String> classes = new LinkedHashSet<>();
        for (Line line : lines) {
            String[] f = row(file, line, rows.isEmpty() ? -1 : rows.get(0).length);
            rows.add(f);
            classes.add(f[1]);
        }
        List<RawEntry> raw = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i);
            int number = lines.get(i).number();
            Split split =
                    f.length == 3
                            ? parseSplit(file, number, f[2])
                            : ClassRangeSplit.of(classes, f[1]);
            raw.add(new RawEntry(f[0], f[0], f[1], f[1], split, Role.ALL, file, number));
        }
        return IndexAssembler.assemble(raw, List.of());
    }

    private static boolean isHeader(String line) {
        String l = line.replace(" ", "").toLowerCase(Locale.ROOT);
        return l.equals("path,label") || l.equals("path,label,split");
    }

    private static String[] row(Path file, Line line, int width) {
        String[] f = line.text().split(",", -1);
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].trim();
        }
        if (f.length < 2 || f.length > 3 || f[0].isEmpty() || f[1].isEmpty()) {
            throw new MalformedIndexException(
                    file, line.number(), "expected 'path,label[,split]', got: " + line.text());
        }
        if (width > 0 && f.length != width) {
            throw new MalformedIndexException(
                    file,
                    line.number(),
                    "has "
                            + f.length
                            + " fields, earlier rows "
                            + width
                            + "; give a split on every row or none");
        }
        return f;
    }

    private static Split parseSplit(Path file, int line, String s) {
        try {
            return Split.parse(s);
        } catch (IllegalArgumentException e) {
            throw new MalformedIndexException(file, line, e.getMessage());
        }
    }
}
