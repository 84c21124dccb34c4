package org.pdml.preprocess;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.pdml.preprocess.index.IndexEntry;

/**
 * Puts the index into the pipeline as {@code buckets} groups of about equal size (entry i goes to
 * bucket i mod buckets). Why: a runner schedules work per bundle, and the DirectRunner cuts a
 * {@link Create} into as few bundles as it has threads and then reads them one after the other, so
 * one core idled for most of a run; every group of a {@link GroupByKey} becomes its own bundle, so
 * the buckets run in parallel, balance the load, and bound the bytes held per bundle.
 */
final class SpreadIndex extends PTransform<PBegin, PCollection<IndexEntry>> {
    private static final long serialVersionUID = 1L;

    private final List<IndexEntry> entries;
    private final int buckets;

    /**
     * Creates the transform.
     *
     * @param entries the index
     * @param buckets number of groups, >= 1
     * @throws IllegalArgumentException if {@code buckets < 1}
     */
    SpreadIndex(List<IndexEntry> entries, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be >= 1, got " + buckets);
        }
        this.entries = List.copyOf(entries);
        this.buckets = buckets;
    }

    /**
     * Picks the bucket count: at least 4 per core so that cores stay busy to the end, and at most
     * about 500 entries per bucket.
     *
     * @param entries index size
     * @param cores available cores
     * @return the bucket count, in [1, max(entries, 1)]
     */
    static int bucketsFor(int entries, int cores) {
        int wanted = Math.max(4 * Math.max(cores, 1), (entries + 499) / 500);
        return Math.max(1, Math.min(wanted, entries));
    }

    @Override
    public PCollection<IndexEntry> expand(PBegin begin) {
        List<KV<Integer, IndexEntry>> keyed = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            keyed.add(KV.of(i % buckets, entries.get(i)));
        }
        return begin.apply(
                        "Index",
                        Create.of(keyed)
                                .withCoder(
                                        KvCoder.of(
                                                VarIntCoder.of(), PreprocessCoders.indexEntry())))
                .apply("IntoBuckets", GroupByKey.create())
                .apply("Entries", Values.create())
                .apply("Flatten", Flatten.iterables())
                .setCoder(PreprocessCoders.indexEntry());
    }
}
