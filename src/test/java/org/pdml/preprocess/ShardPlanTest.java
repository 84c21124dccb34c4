package org.pdml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Role;
import org.pdml.preprocess.index.Split;
import org.pdml.records.ShardNames;

class ShardPlanTest {

    private static List<IndexEntry> entries(int n, Split split) {
        List<IndexEntry> entries = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            entries.add(new IndexEntry(split + "-" + i, "p" + i, i % 3, "c", split, Role.ALL));
        }
        return entries;
    }

    @Test
    void everyEntryIsPlannedOnceInItsIdShardAndInIdOrder() {
        List<IndexEntry> all = entries(50, Split.TRAIN);
        all.addAll(entries(20, Split.TEST));
        List<KV<String, List<IndexEntry>>> plan =
                ShardPlan.of(all, 4, Set.of(Split.TRAIN, Split.TEST));
        assertThat(plan).hasSize(8);
        List<IndexEntry> seen = new ArrayList<>();
        for (KV<String, List<IndexEntry>> shard : plan) {
            List<String> ids = shard.getValue().stream().map(IndexEntry::id).toList();
            assertThat(ids).isSorted();
            for (IndexEntry e : shard.getValue()) {
                int index = ShardNames.shardOf(e.id(), 4);
                assertThat(shard.getKey())
                        .isEqualTo(ShardNames.format(e.split().wireName(), index, 4));
            }
            seen.addAll(shard.getValue());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
        assertThat(plan.stream().map(KV::getKey).toList()).isSorted();
    }

    @Test
    void listedSplitsGetAllTheirShardsEvenWhenEmpty() {
        List<KV<String, List<IndexEntry>>> plan =
                ShardPlan.of(entries(1, Split.TRAIN), 3, Set.of(Split.TRAIN, Split.VAL));
        assertThat(plan.stream().map(KV::getKey))
                .containsExactly(
                        "train/part-00000-of-00003.tfrecord",
                        "train/part-00001-of-00003.tfrecord",
                        "train/part-00002-of-00003.tfrecord",
                        "val/part-00000-of-00003.tfrecord",
                        "val/part-00001-of-00003.tfrecord",
                        "val/part-00002-of-00003.tfrecord");
        assertThat(plan.stream().mapToInt(kv -> kv.getValue().size()).sum()).isEqualTo(1);
    }
}
