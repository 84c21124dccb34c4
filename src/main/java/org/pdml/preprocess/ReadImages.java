package org.pdml.preprocess;

import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.pdml.preprocess.index.IndexEntry;

/**
 * Reads the image bytes of index entries: drops duplicate ids, checks labels and paths, reads the
 * files. Index entries in; {@link Tags#READ} and {@link Tags#REJECTS} out.
 */
public final class ReadImages extends PTransform<PCollection<IndexEntry>, PCollectionTuple> {
    private static final long serialVersionUID = 1L;

    private final String root;
    private final Map<Integer, String> classes;

    /**
     * Creates the composite.
     *
     * @param root dataset root that entry paths are relative to (local folder or {@code gs://})
     * @param classes the class list, label to class name; other labels are rejected
     */
    public ReadImages(String root, Map<Integer, String> classes) {
        this.root = root;
        this.classes = Map.copyOf(classes);
    }

    @Override
    public PCollectionTuple expand(PCollection<IndexEntry> entries) {
        PCollectionTuple unique =
                entries.apply(
                                "KeyById",
                                WithKeys.of(IndexEntry::id).withKeyType(TypeDescriptors.strings()))
                        .setCoder(KvCoder.of(StringUtf8Coder.of(), PreprocessCoders.indexEntry()))
                        .apply("GroupById", GroupByKey.create())
                        .apply(
                                "DropDuplicateIds",
                                ParDo.of(new DropDuplicateIdsFn())
                                        .withOutputTags(
                                                Tags.UNIQUE, TupleTagList.of(Tags.REJECTS)));
        unique.get(Tags.UNIQUE).setCoder(PreprocessCoders.indexEntry());
        unique.get(Tags.REJECTS).setCoder(PreprocessCoders.reject());
        PCollectionTuple read =
                unique.get(Tags.UNIQUE)
                        .apply(
                                "ReadBytes",
                                ParDo.of(new ReadBytesFn(root, classes))
                                        .withOutputTags(Tags.READ, TupleTagList.of(Tags.REJECTS)));
        read.get(Tags.READ)
                .setCoder(KvCoder.of(PreprocessCoders.indexEntry(), ByteArrayCoder.of()));
        PCollection<Reject> rejects =
                PCollectionList.of(unique.get(Tags.REJECTS))
                        .and(read.get(Tags.REJECTS).setCoder(PreprocessCoders.reject()))
                        .apply("AllReadRejects", Flatten.pCollections());
        return PCollectionTuple.of(Tags.READ, read.get(Tags.READ)).and(Tags.REJECTS, rejects);
    }
}
