package org.pdml.artifacts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.ShardInfo;
import org.pdml.artifacts.proto.SplitInfo;
import org.pdml.records.ShardNames;

/**
 * A typed handle on an examples folder, the output of preprocessing:
 *
 * <pre>
 * &lt;dir&gt;/&lt;split&gt;/part-SSSSS-of-NNNNN.tfrecord[.gz]   the shards
 * &lt;dir&gt;/manifest.json                            ExamplesManifest, written LAST
 * </pre>
 *
 * <p>The manifest is the commit marker: the folder is complete exactly when it exists. It is
 * written atomically (temporary file + rename) after checking that every shard it lists exists with
 * the listed size.
 */
public final class ExamplesArtifact {
    /** File name of the manifest inside the examples folder. */
    public static final String MANIFEST = "manifest.json";

    /** Current {@code ExamplesManifest.schema_version}. */
    public static final int SCHEMA_VERSION = 1;

    private final Path dir;

    private ExamplesArtifact(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /**
     * Returns a handle on a folder (which need not exist yet).
     *
     * @param dir the examples folder
     * @return the handle
     */
    public static ExamplesArtifact at(Path dir) {
        return new ExamplesArtifact(dir);
    }

    /**
     * Returns the examples folder.
     *
     * @return the folder
     */
    public Path dir() {
        return dir;
    }

    /**
     * Returns the manifest's path.
     *
     * @return {@code dir/manifest.json}
     */
    public Path manifestPath() {
        return dir.resolve(MANIFEST);
    }

    /**
     * Resolves a shard path from a manifest.
     *
     * @param shard shard info
     * @return the shard file
     */
    public Path shardPath(ShardInfo shard) {
        return dir.resolve(shard.getPath());
    }

    /**
     * Tells whether the folder holds a committed output.
     *
     * @return true when the manifest exists
     */
    public boolean isComplete() {
        return Files.isRegularFile(manifestPath());
    }

    /**
     * Reads the manifest.
     *
     * @return the manifest
     * @throws NoSuchFileException naming the manifest if the folder is incomplete
     * @throws IOException if it cannot be read or parsed (the message names the file)
     */
    public ExamplesManifest read() throws IOException {
        Path p = manifestPath();
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(p.toString(), null, "no manifest: output incomplete");
        }
        String json = Files.readString(p, StandardCharsets.UTF_8);
        try {
            return ManifestJson.parse(json, ExamplesManifest.newBuilder()).build();
        } catch (IOException e) {
            throw new IOException("malformed manifest " + p + ": " + e.getMessage(), e);
        }
    }

    /**
     * Commits the folder by writing its manifest atomically; call after all shards are closed.
     *
     * @param manifest the manifest; every shard it lists must exist with its listed size
     * @throws IllegalArgumentException naming the shard if a listed shard is missing or its size
     *     differs, or if a shard path escapes the folder
     * @throws IOException if writing fails
     */
    public void commit(ExamplesManifest manifest) throws IOException {
        for (SplitInfo split : manifest.getSplitsList()) {
            for (ShardInfo shard : split.getShardsList()) {
                checkShardOnDisk(shard);
            }
        }
        byte[] json = ManifestJson.print(manifest).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(manifestPath(), json);
    }

    private void checkShardOnDisk(ShardInfo shard) throws IOException {
        Path p = shardPath(shard).normalize();
        if (!p.startsWith(dir.normalize())) {
            throw new IllegalArgumentException(
                    "shard path escapes " + dir + ": " + shard.getPath());
        }
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("manifest lists a missing shard: " + p);
        }
        if (Files.size(p) != shard.getSizeBytes()) {
            throw new IllegalArgumentException(
                    "shard "
                            + p
                            + " has "
                            + Files.size(p)
                            + " bytes, manifest says "
                            + shard.getSizeBytes());
        }
    }

    /**
     * Lists the shard files of a split on disk, sorted by name, as paths relative to the folder.
     *
     * @param split split name, e.g. "train"
     * @return relative paths {@code split/part-...}; empty if the split folder does not exist
     * @throws IOException if the folder cannot be listed
     */
    public List<String> shardsOnDisk(String split) throws IOException {
        Path d = dir.resolve(split);
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(d)) {
            return out;
        }
        try (Stream<Path> files = Files.list(d)) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("part-") && n.contains(ShardNames.SUFFIX))
                    .sorted()
                    .forEach(n -> out.add(split + "/" + n));
        }
        return out;
    }

    /**
     * Lists the shard files of every split folder on disk, as paths relative to the folder.
     *
     * @return relative paths {@code split/part-...}, sorted by split folder, then by name; empty
     *     when the folder does not exist
     * @throws IOException if a folder cannot be listed
     */
    public List<String> allShardsOnDisk() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> splits;
        try (Stream<Path> s = Files.list(dir)) {
            splits = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path d : splits) {
            out.addAll(shardsOnDisk(d.getFileName().toString()));
        }
        return out;
    }

    /**
     * Verifies the folder against its manifest; see {@link ExamplesVerifier}.
     *
     * @return the report of every defect found
     * @throws IOException if a file cannot be read at all
     */
    public VerificationReport verify() throws IOException {
        return ExamplesVerifier.verify(this);
    }
}
