package org.pdml.preprocess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.util.Sha256;

/**
 * A stamp of the files an index names, from their metadata: lower-case hex SHA-256 over the entries
 * sorted by id, each contributing the UTF-8 line {@code path\tsize\tlastModifiedMillis\n}, or
 * {@code path\tmissing\n} for a file the listing does not hold.
 *
 * <p>Why: the index fingerprint follows names, labels and splits, so an image replaced in place
 * (same name, new bytes) left a scheduled {@code pdml run} reusing stale shards; a rewrite changes
 * the file's modification time. Only metadata is read, from one recursive listing of the dataset
 * root (local or {@code gs://}, through Beam's file systems), so the cost does not grow with the
 * images' bytes. A copy that preserves modification times and sizes is not seen.
 */
public final class SourceStamp {

    private static final String MISSING = "missing";

    private SourceStamp() {}

    /**
     * Stamps the files of a prepared dataset.
     *
     * @param dataset the dataset (its root and entries)
     * @return 64 lower-case hex characters
     * @throws IOException if the root cannot be listed
     */
    public static String of(PreparedDataset dataset) throws IOException {
        ResourceId root = FileSystems.matchNewResource(absolute(dataset.root()), true);
        Map<String, MatchResult.Metadata> listed = new HashMap<>();
        MatchResult match = FileSystems.match(root + "**");
        if (match.status() == MatchResult.Status.OK) {
            for (MatchResult.Metadata m : match.metadata()) {
                listed.put(m.resourceId().toString(), m);
            }
        }
        MessageDigest digest = Sha256.newDigest();
        List<IndexEntry> sorted =
                dataset.entries().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
        for (IndexEntry e : sorted) {
            String file = root.resolve(e.path(), StandardResolveOptions.RESOLVE_FILE).toString();
            MatchResult.Metadata m = listed.get(file);
            String line =
                    e.path()
                            + "\t"
                            + (m == null ? MISSING : m.sizeBytes() + "\t" + m.lastModifiedMillis())
                            + "\n";
            digest.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return Sha256.hex(digest.digest());
    }

    /** A local root as an absolute folder path; a URI ({@code gs://…}) as given; "/"-terminated. */
    private static String absolute(String root) {
        String r =
                root.contains("://") ? root : Path.of(root).toAbsolutePath().normalize().toString();
        return r.endsWith("/") ? r : r + "/";
    }
}
