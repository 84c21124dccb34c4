package org.pdml.artifacts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.pdml.artifacts.proto.FileDigest;
import org.pdml.artifacts.proto.StageManifest;
import org.pdml.util.Sha256;

/**
 * A typed handle on one stage folder of {@code pdml run}'s stage store:
 *
 * <pre>
 * &lt;dir&gt;/...          the stage's output files (model, checkpoints, report, plots)
 * &lt;dir&gt;/stage.json   StageManifest, written LAST
 * </pre>
 *
 * <p>The manifest is the commit marker: the folder holds a complete output exactly when it exists.
 * It is written atomically (temporary file + rename), after the output files are closed.
 */
public final class StageArtifact {
    /** File name of the manifest inside the stage folder. */
    public static final String MANIFEST = "stage.json";

    /** Current {@code StageManifest.schema_version}. */
    public static final int SCHEMA_VERSION = 1;

    private final Path dir;

    private StageArtifact(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /**
     * Returns a handle on a folder (which need not exist yet).
     *
     * @param dir the stage folder
     * @return the handle
     */
    public static StageArtifact at(Path dir) {
        return new StageArtifact(dir);
    }

    /** Returns the stage folder. */
    public Path dir() {
        return dir;
    }

    /** Returns {@code dir/stage.json}. */
    public Path manifestPath() {
        return dir.resolve(MANIFEST);
    }

    /**
     * Reads the manifest if the folder is complete.
     *
     * @return the manifest, or empty when the folder has none (absent or incomplete output)
     * @throws IOException naming the file if it exists but cannot be read or parsed
     */
    public Optional<StageManifest> read() throws IOException {
        Path p = manifestPath();
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        String json = Files.readString(p, StandardCharsets.UTF_8);
        try {
            return Optional.of(ManifestJson.parse(json, StageManifest.newBuilder()).build());
        } catch (IOException e) {
            throw new IOException("malformed stage manifest " + p + ": " + e.getMessage(), e);
        }
    }

    /**
     * Commits the folder by writing its manifest atomically; call after every output file is
     * closed.
     *
     * @param manifest the manifest
     * @throws IOException if writing fails
     */
    public void commit(StageManifest manifest) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(
                manifestPath(), ManifestJson.print(manifest).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Digests every regular file under the folder except the manifest, sorted by relative path
     * ('/'-separated); symbolic links are not followed.
     *
     * @return one digest per file
     * @throws IOException if a file cannot be read
     */
    public List<FileDigest> digestFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files =
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !p.equals(manifestPath()))
                            .sorted(Comparator.comparing(p -> relative(p)))
                            .toList();
        }
        List<FileDigest> out = new ArrayList<>(files.size());
        for (Path f : files) {
            out.add(
                    FileDigest.newBuilder()
                            .setPath(relative(f))
                            .setSha256(Sha256.of(f))
                            .setSizeBytes(Files.size(f))
                            .build());
        }
        return out;
    }

    private String relative(Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    /**
     * Returns the identity of a set of files: the SHA-256 of the UTF-8 lines {@code "<path>
     * <sha256>\n"} in the given order. Equal files under equal names give an equal hash whatever
     * their timestamps.
     *
     * @param files digests, sorted by path (as {@link #digestFiles()} returns them)
     * @return 64 lower-case hex digits
     */
    public static String contentSha256(List<FileDigest> files) {
        MessageDigest digest = Sha256.newDigest();
        for (FileDigest f : files) {
            String line = f.getPath() + " " + f.getSha256() + "\n";
            digest.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return Sha256.hex(digest.digest());
    }
}
