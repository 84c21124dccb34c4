package org.pdml.preprocess;

import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.pdml.preprocess.index.IndexEntry;

/**
 * Decodes, resizes and encodes images: {@code KV<entry, bytes>} in, {@link Tags#RECORDS} and {@link
 * Tags#REJECTS} out.
 */
public final class DecodeImages
        extends PTransform<PCollection<KV<IndexEntry, byte[]>>, PCollectionTuple> {
    private static final long serialVersionUID = 1L;

    private final DecodeImageFn fn;

    /**
     * Creates the composite.
     *
     * @param fn the per-image function
     */
    public DecodeImages(DecodeImageFn fn) {
        this.fn = fn;
    }

    @Override
    public PCollectionTuple expand(PCollection<KV<IndexEntry, byte[]>> input) {
        PCollectionTuple out =
                input.apply(
                        "DecodeResizeEncode",
                        ParDo.of(fn).withOutputTags(Tags.RECORDS, TupleTagList.of(Tags.REJECTS)));
        out.get(Tags.RECORDS).setCoder(PreprocessCoders.imageRecord());
        out.get(Tags.REJECTS).setCoder(PreprocessCoders.reject());
        return out;
    }
}
