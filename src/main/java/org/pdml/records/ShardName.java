package org.pdml.records;

/**
 * A parsed shard path {@code <split>/part-SSSSS-of-NNNNN.tfrecord[.gz]}.
 *
 * @param split the split folder, e.g. "train"
 * @param index 0-based shard index, {@code 0 <= index < count}
 * @param count number of shards of the split, &ge; 1
 * @param gzip whether the shard is GZIP-compressed ({@code .tfrecord.gz})
 */
public record ShardName(String split, int index, int count, boolean gzip) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if the split is empty or contains '/', or the indices are
     *     out of range
     */
    public ShardName {
        if (split.isEmpty() || split.contains("/")) {
            throw new IllegalArgumentException("bad split name '" + split + "'");
        }
        if (count < 1 || count > ShardNames.MAX_SHARDS || index < 0 || index >= count) {
            throw new IllegalArgumentException("bad shard " + index + " of " + count);
        }
    }

    /**
     * Returns the file name, e.g. {@code part-00003-of-00016.tfrecord}.
     *
     * @return the file name without the split folder
     */
    public String fileName() {
        return String.format(
                "part-%05d-of-%05d%s",
                index, count, gzip ? ShardNames.GZIP_SUFFIX : ShardNames.SUFFIX);
    }

    /**
     * Returns the path relative to the examples folder, with '/' separators.
     *
     * @return {@code split + "/" + fileName()}
     */
    public String relativePath() {
        return split + "/" + fileName();
    }

    @Override
    public String toString() {
        return relativePath();
    }
}
