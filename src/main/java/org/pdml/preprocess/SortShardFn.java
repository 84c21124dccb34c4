package org.pdml.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Orders one shard's records by id, so the shard's bytes do not depend on bundle order. Entries
 * with an empty id are placeholders that make every shard exist, and are dropped.
 */
final class SortShardFn
        extends DoFn<KV<String, Iterable<KV<String, byte[]>>>, KV<String, List<byte[]>>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(
            @Element KV<String, Iterable<KV<String, byte[]>>> shard,
            OutputReceiver<KV<String, List<byte[]>>> out) {
        List<KV<String, byte[]>> items = new ArrayList<>();
        for (KV<String, byte[]> kv : shard.getValue()) {
            if (!kv.getKey().isEmpty()) {
                items.add(kv);
            }
        }
        items.sort((a, b) -> a.getKey().compareTo(b.getKey()));
        out.output(
                KV.of(
                        shard.getKey(),
                        items.stream().map(KV::getValue).collect(Collectors.toList())));
    }
}
