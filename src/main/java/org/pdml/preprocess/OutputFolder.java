package org.pdml.preprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.pdml.config.InputPaths;
import org.pdml.util.FileTrees;

/**
 * Guards the examples folder so that it is complete or absent.
 *
 * <p>A run refuses a folder that holds files unless {@code overwrite} is set, and refuses, even
 * then, a folder holding a file pdml does not write. Empty folders count as empty (a kill can leave
 * {@code train/} and {@code test/} behind).
 *
 * <p><b>Local output</b>: the pipeline writes into the sibling {@code .<name>.pdml-partial}, and
 * {@link #publish} renames it into place once its manifest is written: the old folder is renamed to
 * {@code .<name>.pdml-old}, the new one to {@code <name>}, then the old one is deleted. Both
 * siblings are pdml's own; a run deletes any it finds before it starts, so an interrupted run never
 * blocks the next one.
 *
 * <p><b>Remote output</b> ({@code gs://…}): object stores cannot rename a folder atomically, so the
 * pipeline writes in place and the manifest, written last, stays the commit marker. With {@code
 * overwrite} pdml's files are deleted first (the manifest first, so a half-deleted folder is never
 * taken for a complete one); without it, leftovers of an interrupted run are named together with
 * the flag that removes them.
 */
final class OutputFolder {
    /** File name of the manifest, the commit marker. */
    static final String MANIFEST = org.pdml.artifacts.ExamplesArtifact.MANIFEST;

    /** Suffix of the sibling a local run writes into. */
    static final String PARTIAL = ".pdml-partial";

    /** Suffix of the sibling a replaced local output is moved to before it is deleted. */
    static final String OLD = ".pdml-old";

    private static final Pattern OWN =
            Pattern.compile(
                    "(manifest\\.json|rejects\\.jsonl|[a-z]+/part-\\d{5}-of-\\d{5}\\.tfrecord(\\.gz)?"
                            + "|_shard_stats/[a-z]+\\.part-\\d{5}-of-\\d{5}\\.tfrecord\\.txt)");

    private final String output;
    private final Path target;

    private OutputFolder(String output, Path target) {
        this.output = output;
        this.target = target;
    }

    /**
     * Makes the output ready for a run: checks what it holds, removes the leftovers of interrupted
     * runs and, for a local output, creates the empty folder the pipeline writes into.
     *
     * @param output the examples folder (local or gs://)
     * @param overwrite whether an existing output may be replaced
     * @return the prepared folder; write into {@link #staging()}, then call {@link #publish}
     * @throws IllegalStateException naming a file when the folder is not empty and overwrite is
     *     off, or when it holds a file pdml did not write
     * @throws IOException if listing, deleting or creating fails
     */
    static OutputFolder prepare(String output, boolean overwrite) throws IOException {
        List<ResourceId> own = ownFiles(output, overwrite);
        if (InputPaths.isRemote(output)) {
            deleteManifestFirst(own);
            return new OutputFolder(output, null);
        }
        Path target = localTarget(output);
        OutputFolder folder = new OutputFolder(output, target);
        FileTrees.deleteTree(folder.sibling(PARTIAL));
        FileTrees.deleteTree(folder.sibling(OLD));
        Files.createDirectories(folder.sibling(PARTIAL));
        return folder;
    }

    /**
     * Fails fast, before any index is read, when a local output cannot be written: the output or
     * its nearest existing ancestor is a file, or that ancestor is not writable. A remote output is
     * checked when the pipeline lists it (that needs its credentials).
     *
     * @param output the examples folder (local or gs://)
     * @throws IllegalArgumentException naming the output and the path that blocks it
     */
    static void requireWritable(String output) {
        if (InputPaths.isRemote(output)) {
            return;
        }
        Path p = Path.of(output).toAbsolutePath().normalize();
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException(
                    "--output " + output + ": " + existing + " is a file, not a folder");
        }
        if (!Files.isWritable(existing)) {
            throw new IllegalArgumentException(
                    "--output " + output + ": cannot write in " + existing);
        }
    }

    /**
     * Returns where the pipeline writes.
     *
     * @return the partial sibling of a local output, or the remote output itself
     */
    String staging() {
        return target == null ? output : sibling(PARTIAL).toString();
    }

    /**
     * Puts a finished local output (its manifest written) in place of the old one; does nothing for
     * a remote output, which was written in place.
     *
     * @throws IOException if a rename or the deletion of the old output fails
     */
    void publish() throws IOException {
        if (target == null) {
            return;
        }
        Path old = sibling(OLD);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(sibling(PARTIAL), target, StandardCopyOption.ATOMIC_MOVE);
        FileTrees.deleteTree(old);
    }

    /**
     * Deletes the partial output of a failed local run (best effort; the next run deletes it in any
     * case).
     */
    void discard() {
        if (target != null) {
            try {
                FileTrees.deleteTree(sibling(PARTIAL));
            } catch (IOException e) {
                // Left for the next run's prepare, which deletes it before it starts.
            }
        }
    }

    /** A local output's real location: a symlinked output is written where the link points. */
    private static Path localTarget(String output) throws IOException {
        Path p = Path.of(output).toAbsolutePath().normalize();
        return Files.exists(p) ? p.toRealPath() : p;
    }

    private Path sibling(String suffix) {
        return target.resolveSibling("." + target.getFileName() + suffix);
    }

    /** The files in the output, all pdml's; empty unless {@code overwrite}. */
    private static List<ResourceId> ownFiles(String output, boolean overwrite) throws IOException {
        String base = output.endsWith("/") ? output : output + "/";
        List<ResourceId> files = new ArrayList<>();
        // ALLOW: an absent or empty folder (even one holding empty split folders) is empty.
        for (MatchResult.Metadata m :
                FileSystems.match(base + "**", EmptyMatchTreatment.ALLOW).metadata()) {
            files.add(m.resourceId());
        }
        if (files.isEmpty()) {
            return files;
        }
        if (!overwrite) {
            throw new IllegalStateException(notEmpty(output, files));
        }
        String root = FileSystems.matchNewResource(base, true).toString();
        for (ResourceId f : files) {
            String path = f.toString();
            String rel = path.startsWith(root) ? path.substring(root.length()) : path;
            if (!OWN.matcher(rel).matches()) {
                throw new IllegalStateException(
                        "refusing to overwrite "
                                + output
                                + ": it holds "
                                + f
                                + ", which pdml did not write");
            }
        }
        return files;
    }

    private static String notEmpty(String output, List<ResourceId> files) {
        boolean committed = files.stream().anyMatch(OutputFolder::isManifest);
        return committed
                ? "output " + output + " is not empty (" + files.get(0) + "); pass --overwrite"
                : "output "
                        + output
                        + " holds the leftovers of an interrupted run (no "
                        + MANIFEST
                        + "; e.g. "
                        + files.get(0)
                        + "); run again with --overwrite to delete them";
    }

    private static void deleteManifestFirst(List<ResourceId> own) throws IOException {
        List<ResourceId> sorted = new ArrayList<>(own);
        sorted.sort((a, b) -> Boolean.compare(!isManifest(a), !isManifest(b)));
        for (ResourceId f : sorted) {
            FileSystems.delete(List.of(f), StandardMoveOptions.IGNORE_MISSING_FILES);
        }
    }

    private static boolean isManifest(ResourceId f) {
        return MANIFEST.equals(f.getFilename());
    }
}
