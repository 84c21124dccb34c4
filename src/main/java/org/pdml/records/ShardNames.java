package org.pdml.records;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pdml.util.Sha256;

/**
 * Shard naming and deterministic shard assignment.
 *
 * <p>Layout: {@code <examples>/<split>/part-SSSSS-of-NNNNN.tfrecord} ({@code .tfrecord.gz} when
 * compressed), Beam's {@code INDEX_OF_MAX} template with 5-digit zero padding.
 *
 * <p>Assignment: {@code shardOf(id, n) = floorMod(h, n)} where {@code h} is the first 8 bytes of
 * SHA-256(UTF-8 bytes of id) read as a big-endian signed long. It depends only on the id and {@code
 * n}, never on the runner, bundle order or JVM, so the same input gives the same shards.
 */
public final class ShardNames {
    /** Suffix of uncompressed shards. */
    public static final String SUFFIX = ".tfrecord";

    /** Suffix of GZIP-compressed shards. */
    public static final String GZIP_SUFFIX = ".tfrecord.gz";

    /** Beam {@code ShardNameTemplate} equivalent of the file name, without prefix and suffix. */
    public static final String TEMPLATE = "-SSSSS-of-NNNNN";

    /** Largest shard count the 5-digit names can express. */
    public static final int MAX_SHARDS = 99_999;

    private static final Pattern FILE =
            Pattern.compile("part-(\\d{5})-of-(\\d{5})\\.tfrecord(\\.gz)?");

    private ShardNames() {}

    /**
     * Formats a shard path.
     *
     * @param split split folder, e.g. "train"
     * @param index 0-based shard index
     * @param count number of shards
     * @return e.g. {@code train/part-00000-of-00004.tfrecord}
     * @throws IllegalArgumentException if the arguments are out of range
     */
    public static String format(String split, int index, int count) {
        return new ShardName(split, index, count, false).relativePath();
    }

    /**
     * Parses a shard path; only its last two segments are examined, so absolute paths and Windows
     * separators are accepted.
     *
     * @param path e.g. {@code /out/train/part-00000-of-00004.tfrecord}
     * @return the parsed name
     * @throws IllegalArgumentException naming the path if it does not follow the layout
     */
    public static ShardName parse(String path) {
        String[] parts = path.replace('\\', '/').split("/");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a shard path <split>/part-...: " + path);
        }
        Matcher m = FILE.matcher(parts[parts.length - 1]);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "not a shard file name part-SSSSS-of-NNNNN.tfrecord[.gz]: " + path);
        }
        try {
            return new ShardName(
                    parts[parts.length - 2],
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    m.group(3) != null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " in " + path, e);
        }
    }

    /**
     * Returns the shard a record id goes to (see the class comment for the hash).
     *
     * @param id record id
     * @param count number of shards, &ge; 1
     * @return shard index in {@code [0, count)}
     */
    public static int shardOf(String id, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("shard count must be >= 1, got " + count);
        }
        return (int) Math.floorMod(stableHash(id), (long) count);
    }

    /**
     * Returns the first 8 bytes of SHA-256 of the UTF-8 id, as a big-endian long.
     *
     * @param id record id
     * @return the hash
     */
    public static long stableHash(String id) {
        return Sha256.leadingLong(id);
    }
}
