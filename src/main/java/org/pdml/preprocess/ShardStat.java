package org.pdml.preprocess;

/**
 * What was written to one shard file.
 *
 * @param relativePath path inside the examples folder, e.g. {@code
 *     train/part-00000-of-00004.tfrecord}
 * @param records number of records
 * @param sha256 lower-case hex SHA-256 of the file bytes
 * @param sizeBytes file size in bytes
 */
public record ShardStat(String relativePath, long records, String sha256, long sizeBytes) {}
