package org.pdml.preprocess.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads one dataset's metadata into an index. */
public interface IndexReader {

    /**
     * Reads the index of the dataset rooted at {@code root}.
     *
     * @param root the dataset root folder (e.g. {@code CUB_200_2011/})
     * @return the entries, in a deterministic order, with unique ids and dense labels
     * @throws MalformedIndexException naming the file and 1-based line for malformed input,
     *     duplicate ids, or (in strict mode) counts that differ from the published ones
     * @throws IOException if a metadata file cannot be read
     */
    List<IndexEntry> read(Path root) throws IOException;
}
