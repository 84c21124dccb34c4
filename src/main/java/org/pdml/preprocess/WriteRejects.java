package org.pdml.preprocess;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes all rejects, sorted, as one JSON object per line ({@code path}, {@code id}, {@code
 * reason}, {@code message}) to {@code <out>/rejects.jsonl}; the file exists even when empty.
 */
public final class WriteRejects extends PTransform<PCollection<Reject>, PDone> {
    private static final long serialVersionUID = 1L;

    /** File name of the rejects file inside the examples folder. */
    public static final String FILE_NAME = "rejects.jsonl";

    private final String output;

    /**
     * Creates the composite.
     *
     * @param output examples folder (local or {@code gs://})
     */
    public WriteRejects(String output) {
        this.output = output;
    }

    @Override
    public PDone expand(PCollection<Reject> rejects) {
        PCollection<String> lines =
                rejects.apply(
                        "ToJson",
                        MapElements.into(TypeDescriptors.strings()).via(RejectJson::toLine));
        // Why: one empty line makes the single group exist, so the file is written even without
        // rejects.
        PCollection<String> marker =
                rejects.getPipeline()
                        .apply("Marker", Create.of("").withCoder(StringUtf8Coder.of()));
        PCollectionList.of(lines)
                .and(marker)
                .apply("AllLines", Flatten.pCollections())
                .apply("OneGroup", WithKeys.of(FILE_NAME))
                .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
                .apply("Gather", GroupByKey.create())
                .apply("WriteSorted", ParDo.of(new WriteLinesFn(output)));
        return PDone.in(rejects.getPipeline());
    }
}
