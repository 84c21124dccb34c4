package org.pdml.preprocess;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.pdml.preprocess.image.RejectReason;

/**
 * The outcome of a preprocessing run.
 *
 * @param entries index entries that entered the pipeline
 * @param records records written to shards
 * @param rejects rejected entries per reason (reasons with zero omitted)
 * @param shards every shard written, in path order
 * @param classCounts records per label
 */
public record PreprocessSummary(
        long entries,
        long records,
        Map<RejectReason, Long> rejects,
        List<ShardStat> shards,
        Map<Integer, Long> classCounts) {

    /**
     * Returns the total number of rejected entries.
     *
     * @return the sum over reasons
     */
    public long rejected() {
        return rejects.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Formats the per-reason counts for the console.
     *
     * @return one line per reason, e.g. {@code " CORRUPT: 3"}
     */
    public String describe() {
        StringBuilder sb =
                new StringBuilder(
                        String.format(
                                "entries %d, records %d, rejected %d, shards %d%n",
                                entries, records, rejected(), shards.size()));
        new EnumMap<>(rejects).forEach((r, n) -> sb.append(String.format("  %s: %d%n", r, n)));
        return sb.toString();
    }
}
