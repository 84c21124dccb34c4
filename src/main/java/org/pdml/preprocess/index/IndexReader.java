package org.pdml.preprocess.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads one dataset's metadata into an index. Structural errors (a malformed line, a missing
 * metadata file, a class in two splits, strict count mismatches) throw; row-level defects that must
 * not stop preprocessing (duplicate ids, labels not in the class list) are returned as {@link
 * IndexReject}s by {@link #readAll(Path)}.
 */
public interface IndexReader {

    /**
     * Reads the index with its rejected rows.
     *
     * @param root the dataset root folder (e.g. {@code CUB_200_2011/})
     * @return entries (first occurrence of each id kept) and rejects
     * @throws MalformedIndexException naming the file and 1-based line for malformed input, a class
     *     that straddles splits, or (in strict mode) counts that differ from the published
     * @throws IOException if a metadata file is missing or cannot be read
     */
    IndexResult readAll(Path root) throws IOException;

    /**
     * Reads the index and requires it to be clean.
     *
     * @param root the dataset root folder
     * @return the entries, in a deterministic order, with unique ids and dense labels
     * @throws MalformedIndexException as {@link #readAll(Path)}, and naming the file and line of
     *     the first rejected row (e.g. a duplicate id) if there is any
     * @throws IOException if a metadata file is missing or cannot be read
     */
    default List<IndexEntry> read(Path root) throws IOException {
        IndexResult r = readAll(root);
        if (!r.rejects().isEmpty()) {
            IndexReject first = r.rejects().get(0);
            throw new MalformedIndexException(
                    first.file(),
                    first.line(),
                    first.reason()
                            + " (id '"
                            + first.id()
                            + "'); "
                            + r.rejects().size()
                            + " row(s) rejected");
        }
        return r.entries();
    }
}
