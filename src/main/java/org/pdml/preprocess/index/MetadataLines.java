package org.pdml.preprocess.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Line-oriented metadata files with 1-based line numbers for error messages. */
final class MetadataLines {

    /**
     * One non-blank line.
     *
     * @param number 1-based line number in the file
     * @param text the line without its terminator, trimmed
     */
    record Line(int number, String text) {}

    private MetadataLines() {}

    /**
     * Reads the non-blank lines of a UTF-8 file (a BOM is dropped).
     *
     * @param file the file
     * @return the lines with their numbers
     * @throws NoSuchFileException naming the file if it is missing
     * @throws IOException if it cannot be read
     */
    static List<Line> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "dataset metadata file missing");
        }
        List<String> raw = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String t = raw.get(i);
            if (i == 0 && t.startsWith("\uFEFF")) {
                t = t.substring(1);
            }
            if (!t.isBlank()) {
                out.add(new Line(i + 1, t.trim()));
            }
        }
        return out;
    }

    /**
     * Splits a line on runs of whitespace into exactly the named fields.
     *
     * @param file the file, for the error message
     * @param line the line
     * @param names the expected field names, e.g. "image_id", "path"
     * @return the fields
     * @throws MalformedIndexException naming file and line if the count differs
     */
    static String[] fields(Path file, Line line, String... names) {
        String[] f = line.text().split("\\s+");
        if (f.length != names.length) {
            throw new MalformedIndexException(
                    file,
                    line.number(),
                    "expected "
                            + names.length
                            + " fields '"
                            + String.join(" ", names)
                            + "', got "
                            + f.length
                            + ": "
                            + line.text());
        }
        return f;
    }

    /**
     * Parses a positive integer field.
     *
     * @param file the file, for the error message
     * @param line the line
     * @param token the field text
     * @param what the field name
     * @return the value, &ge; 1
     * @throws MalformedIndexException naming file, line and field if it is not a positive integer
     */
    static int positiveInt(Path file, Line line, String token, String what) {
        try {
            int v = Integer.parseInt(token);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the file and line
        }
        throw new MalformedIndexException(
                file, line.number(), what + " must be a positive integer, got '" + token + "'");
    }
}
