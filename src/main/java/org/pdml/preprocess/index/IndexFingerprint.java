package org.pdml.preprocess.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.pdml.util.Sha256;

/**
 * The {@code index_fingerprint} of a manifest: lower-case hex SHA-256 over the canonical index, the
 * entries sorted by id, each contributing the UTF-8 line {@code
 * id\tpath\tlabel\tclassName\tsplit\trole\n} (split and role in wire names). It changes exactly
 * when the index content changes, whatever order the reader produced.
 */
public final class IndexFingerprint {

    private IndexFingerprint() {}

    /**
     * Fingerprints an index.
     *
     * @param entries the entries (any order)
     * @return 64 lower-case hex characters
     */
    public static String of(List<IndexEntry> entries) {
        MessageDigest d = Sha256.newDigest();
        List<IndexEntry> sorted =
                entries.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
        for (IndexEntry e : sorted) {
            String line =
                    String.join(
                                    "\t",
                                    e.id(),
                                    e.path(),
                                    Integer.toString(e.label()),
                                    e.className(),
                                    e.split().wireName(),
                                    e.role().wireName())
                            + "\n";
            d.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return Sha256.hex(d.digest());
    }
}
