package org.pdml.artifacts;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What one pass over a shard file found.
 *
 * @param path shard path relative to the examples folder
 * @param sha256 lower-case hex SHA-256 of the file's bytes (as stored, compressed or not)
 * @param sizeBytes file size in bytes
 * @param recordCount records read and verified before the end or the first problem
 * @param labelCounts records per label, in label order
 * @param classTexts the {@code image/class/text} of each label (first record seen)
 * @param roleCounts records per role ("all", "query", "gallery"; "" when absent)
 * @param problem the first defect, if any (scanning stops there)
 */
public record ShardScan(
        String path,
        String sha256,
        long sizeBytes,
        long recordCount,
        SortedMap<Integer, Long> labelCounts,
        SortedMap<Integer, String> classTexts,
        Map<String, Long> roleCounts,
        Optional<Problem> problem) {}
