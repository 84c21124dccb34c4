package org.pdml.preprocess;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Guards the examples folder: a run refuses a folder that holds files unless {@code overwrite} is
 * set, and even then deletes only files pdml writes (the manifest first, so a half-deleted folder
 * is never mistaken for a complete one).
 */
final class OutputFolder {
    /** File name of the manifest, the commit marker. */
    static final String MANIFEST = org.pdml.artifacts.ExamplesArtifact.MANIFEST;

    private static final Pattern OWN =
            Pattern.compile(
                    "(manifest\\.json|rejects\\.jsonl|[a-z]+/part-\\d{5}-of-\\d{5}\\.tfrecord(\\.gz)?"
                            + "|_shard_stats/[a-z]+\\.part-\\d{5}-of-\\d{5}\\.tfrecord\\.txt)");

    private OutputFolder() {}

    /**
     * Makes the folder ready for a run.
     *
     * @param output the examples folder (local or gs://)
     * @param overwrite whether existing pdml outputs may be deleted
     * @throws IllegalStateException naming a file when the folder is not empty and overwrite is
     *     off, or when it holds a file pdml did not write
     * @throws IOException if listing or deleting fails
     */
    static void prepare(String output, boolean overwrite) throws IOException {
        String base = output.endsWith("/") ? output : output + "/";
        List<ResourceId> files = new ArrayList<>();
        for (MatchResult.Metadata m : FileSystems.match(base + "**").metadata()) {
            files.add(m.resourceId());
        }
        if (files.isEmpty()) {
            return;
        }
        if (!overwrite) {
            throw new IllegalStateException(
                    "output " + output + " is not empty (" + files.get(0) + "); pass --overwrite");
        }
        String root = FileSystems.matchNewResource(base, true).toString();
        List<ResourceId> own = new ArrayList<>();
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
            own.add(f);
        }
        own.sort((a, b) -> Boolean.compare(!isManifest(a), !isManifest(b)));
        for (ResourceId f : own) {
            FileSystems.delete(List.of(f), StandardMoveOptions.IGNORE_MISSING_FILES);
        }
    }

    private static boolean isManifest(ResourceId f) {
        return MANIFEST.equals(f.getFilename());
    }
}
