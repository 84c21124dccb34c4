package org.pdml.pipeline;

import java.nio.file.Path;
import java.util.Map;
import org.pdml.artifacts.proto.EvalReport;
import org.pdml.config.PdmlConfig;
import org.pdml.eval.EvalReportWriter;
import org.pdml.eval.EvaluateStage;
import org.pdml.model.DeviceChoice;
import org.pdml.provenance.Seeds;
import org.pdml.tracking.DatasetInput;
import org.pdml.tracking.RunTracker;
import org.pdml.util.WireNames;

/**
 * The evaluate stage of {@code pdml run}: {@link EvaluateStage} with the trained model on the
 * configured split, writing the embeddings, {@code report.{pb,json}} and the plots into its stage
 * folder. Not resumable: an interrupted evaluation starts again.
 */
public final class EvaluateNode implements PipelineStage {
    private final PdmlConfig config;
    private final Seeds seeds;

    /**
     * Creates the stage.
     *
     * @param config the run's config
     * @param seeds the run's seeds (engine and k-means streams)
     */
    public EvaluateNode(PdmlConfig config, Seeds seeds) {
        this.config = config;
        this.seeds = seeds;
    }

    @Override
    public StageName name() {
        return StageName.EVALUATE;
    }

    @Override
    public StageFingerprint fingerprint(Map<StageName, StageOutput> upstream) {
        return StageFingerprint.evaluate(
                config,
                PipelineStage.input(upstream, StageName.TRAIN).outputSha256(),
                PipelineStage.input(upstream, StageName.PREPROCESS).outputSha256());
    }

    @Override
    public void run(StageRun run) throws Exception {
        EvaluateStage.run(
                TrainNode.modelDir(run.input(StageName.TRAIN)),
                run.input(StageName.PREPROCESS).output(),
                WireNames.value(config.eval().split()),
                config.eval(),
                seeds,
                run.output(),
                DeviceChoice.choose(config.train().deviceRequest()).device());
    }

    /** Logs the examples it evaluated on (context {@code evaluation}, tag the split). */
    @Override
    public void trackInputs(Map<StageName, StageOutput> upstream, RunTracker tracker)
            throws Exception {
        Path examples = PipelineStage.input(upstream, StageName.PREPROCESS).output();
        String split = WireNames.value(config.eval().split());
        tracker.logInput(ExamplesDataset.input(examples, DatasetInput.EVALUATION, split));
    }

    /** Logs the final metrics (MLflow names), {@code report.json} and the plots. */
    @Override
    public void track(StageOutput output, RunTracker tracker) throws Exception {
        Path dir = output.output();
        EvalReport report = EvalReportWriter.read(dir);
        tracker.logMetrics(TrackedFiles.mlflowNames(report.getMetricsMap()), 0);
        tracker.logArtifact(dir.resolve("report.json"), "");
        for (String plot : report.getPlotsMap().values()) {
            tracker.logArtifact(dir.resolve(plot), "plots");
        }
    }
}
