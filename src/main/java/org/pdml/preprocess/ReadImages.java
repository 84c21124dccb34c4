package org.pdml.preprocess;

import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.pdml.preprocess.index.IndexEntry;

/**
 * Reads the image bytes of index entries: checks labels and paths, reads the files. Index entries
 * with distinct ids in ({@link DuplicateIds} runs on the driver); {@link Tags#READ} and {@link
 * Tags#REJECTS} out.
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
        PCollectionTuple read =
                entries.apply(
                        "ReadBytes",
                        ParDo.of(new ReadBytesFn(root, classes))
                                .withOutputTags(Tags.READ, TupleTagList.of(Tags.REJECTS)));
        read.get(Tags.READ)
                .setCoder(KvCoder.of(PreprocessCoders.indexEntry(), ByteArrayCoder.of()));
        read.get(Tags.REJECTS).setCoder(PreprocessCoders.reject());
        return read;
    }
}
