package org.pdml.preprocess;

import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.pdml.preprocess.index.IndexEntry;

/**
 * Builds every planned shard ({@link ShardPlan}): {@link Tags#SHARDS} gets {@code KV<relative path,
 * records written>} per shard and {@link Tags#REJECTS} every refused entry. Same plan and files in,
 * same shard bytes out.
 *
 * <p>The unit of scheduling is a shard: the plan is grouped by shard path, so that a distributed
 * runner spreads the shards over its workers (and the DirectRunner runs each shard as its own
 * bundle), and {@link BuildShardFn} writes the shard's records in id order. The image work inside a
 * shard runs on the worker's pool of one thread per core ({@link ImageWorkers}), so every core is
 * used even when fewer shards than cores are left.
 */
public final class BuildShards extends PTransform<PBegin, PCollectionTuple> {
    private static final long serialVersionUID = 1L;

    private final List<KV<String, List<IndexEntry>>> plan;
    private final String output;
    private final EntryReader reader;
    private final RecordMaker maker;

    /**
     * Creates the composite.
     *
     * @param plan the shards and their entries, from {@link ShardPlan#of}
     * @param output examples folder (local or {@code gs://})
     * @param reader label and path checks, file reads
     * @param maker decode, resize, encode, record
     */
    BuildShards(
            List<KV<String, List<IndexEntry>>> plan,
            String output,
            EntryReader reader,
            RecordMaker maker) {
        this.plan = List.copyOf(plan);
        this.output = output;
        this.reader = reader;
        this.maker = maker;
    }

    @Override
    public PCollectionTuple expand(PBegin begin) {
        KvCoder<String, List<IndexEntry>> coder =
                KvCoder.of(StringUtf8Coder.of(), ListCoder.of(PreprocessCoders.indexEntry()));
        PCollectionTuple out =
                begin.apply("Plan", Create.of(plan).withCoder(coder))
                        // Why a plain GroupByKey (shard paths are unique, so each group holds one
                        // list): it moves the plan across workers as Reshuffle would, without
                        // Reshuffle's three extra steps per shard on the DirectRunner.
                        .apply("SpreadShards", GroupByKey.create())
                        .apply(
                                "BuildShard",
                                ParDo.of(new BuildShardFn(output, reader, maker))
                                        .withOutputTags(
                                                Tags.SHARDS, TupleTagList.of(Tags.REJECTS)));
        out.get(Tags.SHARDS).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
        out.get(Tags.REJECTS).setCoder(PreprocessCoders.reject());
        return out;
    }
}
