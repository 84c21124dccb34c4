package org.pdml.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.pdml.artifacts.StageArtifact;
import org.pdml.artifacts.proto.FileDigest;
import org.pdml.artifacts.proto.StageManifest;
import org.pdml.util.FileTrees;

/**
 * The stage store: one folder per stage and fingerprint, {@code <root>/<stage>/<fingerprint>/},
 * with {@code root = <runs_root>/stages}. It is shared by all experiments under the runs root,
 * since the fingerprint already names everything an output depends on. A folder is complete when
 * its {@code stage.json} ({@link StageArtifact}) exists; train and evaluate write their outputs
 * inside it, preprocess writes to {@code data.output} and the manifest records that path and the
 * examples manifest's hash.
 */
public final class StageStore {
    private final Path root;
    private final Clock clock;

    /**
     * Opens a store.
     *
     * @param root e.g. {@code <runs_root>/stages}
     * @param clock stamps {@code created_at}
     */
    public StageStore(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /**
     * Returns the folder of one stage output.
     *
     * @param stage the stage
     * @param fingerprint its fingerprint
     * @return {@code <root>/<stage>/<fingerprint>}
     */
    public Path dir(StageName stage, String fingerprint) {
        return root.resolve(stage.wireName()).resolve(fingerprint);
    }

    /**
     * Finds a complete output of this fingerprint: the manifest exists and names the fingerprint,
     * and the output is still what it recorded (every file present with its size; an external
     * output still has the recorded identity, so an examples folder overwritten by another config
     * is not taken).
     *
     * @param stage the stage
     * @param fingerprint the fingerprint
     * @return the reusable output, or empty
     * @throws IOException if the manifest or output cannot be read
     */
    public Optional<StageOutput> reusable(PipelineStage stage, StageFingerprint fingerprint)
            throws IOException {
        String fp = fingerprint.sha256();
        Path dir = dir(stage.name(), fp);
        Optional<StageManifest> found = StageArtifact.at(dir).read();
        if (found.isEmpty() || !found.get().getFingerprint().equals(fp)) {
            return Optional.empty();
        }
        return intact(stage, dir, found.get());
    }

    /**
     * Finds a complete output whose fingerprint differs from {@code fingerprint} in the code alone
     * ({@link StageFingerprint#sameButCode}): what {@code --reuse-stale} takes when the current
     * build has no output of its own. Of several, the newest ({@code created_at}, then folder
     * name).
     *
     * @param stage the stage
     * @param fingerprint the fingerprint with the current build's code
     * @return the stale output, or empty
     * @throws IOException if a manifest or output cannot be read
     */
    public Optional<StageOutput> reusableStale(PipelineStage stage, StageFingerprint fingerprint)
            throws IOException {
        Path stageRoot = root.resolve(stage.name().wireName());
        if (!Files.isDirectory(stageRoot)) {
            return Optional.empty();
        }
        List<Path> dirs;
        try (Stream<Path> list = Files.list(stageRoot)) {
            dirs = list.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
        }
        Optional<StageOutput> best = Optional.empty();
        String bestAt = "";
        for (Path dir : dirs) {
            Optional<StageManifest> m = StageArtifact.at(dir).read();
            if (m.isPresent()
                    && staleMatch(m.get(), fingerprint)
                    && m.get().getCreatedAt().compareTo(bestAt) > 0) {
                Optional<StageOutput> out = intact(stage, dir, m.get());
                if (out.isPresent()) {
                    best = out;
                    bestAt = m.get().getCreatedAt();
                }
            }
        }
        return best;
    }

    private static boolean staleMatch(StageManifest m, StageFingerprint fingerprint) {
        StageFingerprint recorded =
                new StageFingerprint(
                        fingerprint.stage(),
                        fingerprint.config(),
                        new java.util.TreeMap<>(m.getInputsMap()));
        return m.getConfigSha256().equals(fingerprint.configSha256())
                && recorded.sameButCode(fingerprint);
    }

    private Optional<StageOutput> intact(PipelineStage stage, Path dir, StageManifest m)
            throws IOException {
        String fp = m.getFingerprint();
        Path output = stage.output(dir);
        boolean intact =
                output.equals(dir)
                        ? filesIntact(dir, m.getFilesList())
                        : m.getOutput().equals(output.toString())
                                && stage.externalIdentity(output)
                                        .filter(m.getOutputSha256()::equals)
                                        .isPresent();
        return intact
                ? Optional.of(
                        new StageOutput(stage.name(), fp, dir, output, m.getOutputSha256(), true))
                : Optional.empty();
    }

    private static boolean filesIntact(Path dir, List<FileDigest> files) throws IOException {
        for (FileDigest f : files) {
            Path p = dir.resolve(f.getPath());
            if (!Files.isRegularFile(p) || Files.size(p) != f.getSizeBytes()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Prepares the folder for a run: removes a stale manifest, and everything else too unless the
     * stage is resumable and {@code fresh} is false.
     *
     * @param stage the stage
     * @param fingerprint the fingerprint
     * @param fresh whether to discard a resumable stage's partial work as well
     * @return the (existing, possibly non-empty) folder
     * @throws IOException if deleting fails
     */
    public Path prepare(PipelineStage stage, StageFingerprint fingerprint, boolean fresh)
            throws IOException {
        Path dir = dir(stage.name(), fingerprint.sha256());
        Files.deleteIfExists(StageArtifact.at(dir).manifestPath());
        if (fresh || !stage.resumable()) {
            FileTrees.deleteTree(dir);
        }
        Files.createDirectories(dir);
        return dir;
    }

    /**
     * Commits a produced output: digests it and writes the manifest last.
     *
     * @param stage the stage that just ran
     * @param fingerprint its fingerprint
     * @return the committed output
     * @throws IOException if the output is incomplete or writing fails
     */
    public StageOutput commit(PipelineStage stage, StageFingerprint fingerprint)
            throws IOException {
        String fp = fingerprint.sha256();
        Path dir = dir(stage.name(), fp);
        Path output = stage.output(dir);
        StageManifest.Builder m =
                StageManifest.newBuilder()
                        .setSchemaVersion(StageArtifact.SCHEMA_VERSION)
                        .setStage(stage.name().wireName())
                        .setFingerprint(fp)
                        .setConfigSha256(fingerprint.configSha256())
                        .putAllInputs(fingerprint.inputs())
                        .setCreatedAt(clock.instant().toString())
                        .setToolVersion(toolVersion());
        if (output.equals(dir)) {
            List<FileDigest> files = StageArtifact.at(dir).digestFiles();
            m.setOutput(".").addAllFiles(files).setOutputSha256(StageArtifact.contentSha256(files));
        } else {
            String identity =
                    stage.externalIdentity(output)
                            .orElseThrow(
                                    () ->
                                            new IOException(
                                                    stage.name().wireName()
                                                            + " finished but its output "
                                                            + output
                                                            + " is incomplete"));
            m.setOutput(output.toString()).setOutputSha256(identity);
        }
        StageArtifact.at(dir).commit(m.build());
        return new StageOutput(stage.name(), fp, dir, output, m.getOutputSha256(), false);
    }

    private static String toolVersion() {
        String v = StageStore.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
