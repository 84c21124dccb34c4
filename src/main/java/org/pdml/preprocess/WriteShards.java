package org.pdml.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.pdml.preprocess.index.Split;
import org.pdml.records.ImageRecord;
import org.pdml.records.ImageRecordCodec;
import org.pdml.records.ShardNames;

/**
 * Writes records to {@code <out>/<split>/part-SSSSS-of-NNNNN.tfrecord}: a record goes to shard
 * {@link ShardNames#shardOf}(id, N) of its split, every shard of every listed split exists (maybe
 * empty), and records within a shard are ordered by id. Same records in, same bytes out.
 */
public final class WriteShards extends PTransform<PCollection<ImageRecord>, PDone> {
    private static final long serialVersionUID = 1L;

    private final String output;
    private final int numShards;
    private final Set<String> splits;

    /**
     * Creates the composite.
     *
     * @param output examples folder (local or {@code gs://})
     * @param numShards shards per split, in [1, {@link ShardNames#MAX_SHARDS}]
     * @param splits the splits whose shards must exist
     */
    public WriteShards(String output, int numShards, Set<Split> splits) {
        this.output = output;
        this.numShards = numShards;
        this.splits = new TreeSet<>();
        splits.forEach(s -> this.splits.add(s.wireName()));
    }

    @Override
    public PDone expand(PCollection<ImageRecord> records) {
        KvCoder<String, KV<String, byte[]>> coder =
                KvCoder.of(
                        StringUtf8Coder.of(),
                        KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()));
        int n = numShards;
        PCollection<KV<String, KV<String, byte[]>>> keyed =
                records.apply(
                                "KeyByShard",
                                MapElements.into(
                                                new TypeDescriptor<
                                                        KV<String, KV<String, byte[]>>>() {})
                                        .via((ImageRecord r) -> shardEntry(r, n)))
                        .setCoder(coder);
        PCollection<KV<String, KV<String, byte[]>>> placeholders =
                records.getPipeline()
                        .apply("EveryShard", Create.of(placeholders()).withCoder(coder));
        PCollectionList.of(keyed)
                .and(placeholders)
                .apply("WithEmptyShards", Flatten.pCollections())
                .apply("GroupByShard", GroupByKey.create())
                .apply("SortById", ParDo.of(new SortShardFn()))
                .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(ByteArrayCoder.of())))
                .apply("WriteTfRecords", ParDo.of(new WriteShardFn(output)));
        return PDone.in(records.getPipeline());
    }

    private static KV<String, KV<String, byte[]>> shardEntry(ImageRecord r, int n) {
        String shard = ShardNames.format(r.split(), ShardNames.shardOf(r.id(), n), n);
        return KV.of(shard, KV.of(r.id(), ImageRecordCodec.encode(r)));
    }

    private List<KV<String, KV<String, byte[]>>> placeholders() {
        List<KV<String, KV<String, byte[]>>> all = new ArrayList<>();
        for (String split : splits) {
            for (int i = 0; i < numShards; i++) {
                all.add(KV.of(ShardNames.format(split, i, numShards), KV.of("", new byte[0])));
            }
        }
        return all;
    }
}
