package org.pdml.preprocess.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.pdml.preprocess.PreparedDataset;
import org.pdml.preprocess.PreprocessOptions;
import org.pdml.preprocess.PreprocessStage;
import org.pdml.preprocess.PreprocessSummary;

/** Runs preprocessing as the dataset ITs do: PNG out, no rejects tolerated, DirectRunner. */
public final class StrictPngRun {
    private StrictPngRun() {}

    /**
     * Preprocesses a prepared dataset.
     *
     * @param ds the dataset
     * @param out the examples folder
     * @param imageSize shorter side in pixels
     * @param shards shards per split
     * @return the run's summary
     * @throws IOException if the stage cannot write or read back
     */
    public static PreprocessSummary run(PreparedDataset ds, Path out, int imageSize, int shards)
            throws IOException {
        PreprocessOptions o = PipelineOptionsFactory.as(PreprocessOptions.class);
        o.setDataset(ds.name());
        o.setSource(ds.root());
        o.setOutput(out.toString());
        o.setImageSize(imageSize);
        o.setEncoding("png");
        o.setNumShards(shards);
        o.setMaxRejectFraction(0.0);
        return PreprocessStage.run(o, ds, x -> {});
    }
}
