package org.pdml.preprocess;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.values.KV;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Split;
import org.pdml.records.ShardNames;

/**
 * Assigns index entries to their shards on the driver, before any image is read: entry e goes to
 * shard {@link ShardNames#shardOf}(e.id, N) of its split, entries within a shard are ordered by id,
 * and every shard of every listed split is planned, empty or not. Why plan up front: the shard of a
 * record depends only on its id, so the index (a few hundred bytes per image) is what crosses the
 * runner's shuffle, never the encoded images; each shard is then built by one worker from its list,
 * streamed to its file, with no per-image runner overhead.
 */
final class ShardPlan {
    private ShardPlan() {}

    /**
     * Plans the shards.
     *
     * @param entries index entries with distinct ids
     * @param numShards shards per split, in [1, {@link ShardNames#MAX_SHARDS}]
     * @param splits splits whose shards must exist even when no entry falls in them
     * @return one {@code KV<shard path relative to the output, entries sorted by id>} per shard,
     *     ordered by shard path
     */
    static List<KV<String, List<IndexEntry>>> of(
            List<IndexEntry> entries, int numShards, Set<Split> splits) {
        Map<String, List<IndexEntry>> shards = new TreeMap<>();
        // Why a path table: formatting a shard's path per entry cost more than the rest of the
        // plan (bench/preprocess); each path is formatted once, here.
        Map<Split, String[]> paths = new EnumMap<>(Split.class);
        for (Split split : splits) {
            for (String path : pathsOf(paths, split, numShards)) {
                shards.put(path, new ArrayList<>());
            }
        }
        for (IndexEntry e : entries) {
            String shard =
                    pathsOf(paths, e.split(), numShards)[ShardNames.shardOf(e.id(), numShards)];
            shards.computeIfAbsent(shard, s -> new ArrayList<>()).add(e);
        }
        List<KV<String, List<IndexEntry>>> plan = new ArrayList<>(shards.size());
        shards.forEach(
                (shard, list) -> {
                    list.sort(Comparator.comparing(IndexEntry::id));
                    plan.add(KV.of(shard, List.copyOf(list)));
                });
        return plan;
    }

    /** The split's shard paths by index, formatted on first use. */
    private static String[] pathsOf(Map<Split, String[]> paths, Split split, int numShards) {
        return paths.computeIfAbsent(
                split,
                sp -> {
                    String[] ps = new String[numShards];
                    for (int i = 0; i < numShards; i++) {
                        ps[i] = ShardNames.format(sp.wireName(), i, numShards);
                    }
                    return ps;
                });
    }
}
