package org.pdml.preprocess.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes fixture trees laid out like the real datasets. */
final class FixtureFiles {

    private FixtureFiles() {}

    /** Writes lines (each followed by '\n'), creating parent folders. */
    static Path lines(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Creates a small placeholder image file (readers never open images). */
    static void image(Path root, String relative) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff});
    }
}
