package org.pdml.preprocess.index;

import java.util.List;

/**
 * What a reader produced: the entries (dense labels, unique ids) and the rows it rejected.
 *
 * @param entries the index, in a deterministic order
 * @param rejects rejected rows (e.g. the second and later rows with an already-used id)
 */
public record IndexResult(List<IndexEntry> entries, List<IndexReject> rejects) {

    /** Copies the lists so that the result is immutable. */
    public IndexResult {
        entries = List.copyOf(entries);
        rejects = List.copyOf(rejects);
    }
}
