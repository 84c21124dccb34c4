package org.pdml.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.pdml.config.ResolvedConfig;
import org.pdml.provenance.Seeds;
import org.pdml.tracking.DatasetInput;
import org.pdml.tracking.RunTracker;
import org.pdml.train.TrackingTrainListener;
import org.pdml.train.TrainStage;

/**
 * The train stage of {@code pdml run}: {@link TrainStage} on the preprocess output, writing {@code
 * checkpoints/} and {@code model/} into its stage folder. Resumable: checkpoints are keyed by the
 * stage fingerprint, so an interrupted run continues from {@code checkpoints/latest}.
 */
public final class TrainNode implements PipelineStage {
    /** Folder of the exported model inside the train stage folder. */
    public static final String MODEL = "model";

    private final ResolvedConfig resolved;
    private final Seeds seeds;
    private final PrintStream log;

    /**
     * Creates the stage.
     *
     * @param resolved the run's config
     * @param seeds the run's seeds, of the config's root seed
     * @param log training progress output
     */
    public TrainNode(ResolvedConfig resolved, Seeds seeds, PrintStream log) {
        this.resolved = resolved;
        this.seeds = seeds;
        this.log = log;
    }

    @Override
    public StageName name() {
        return StageName.TRAIN;
    }

    @Override
    public StageFingerprint fingerprint(Map<StageName, StageOutput> upstream) {
        StageOutput examples = PipelineStage.input(upstream, StageName.PREPROCESS);
        return StageFingerprint.train(resolved.config(), examples.outputSha256());
    }

    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public void run(StageRun run) throws Exception {
        TrainStage.run(
                resolved,
                seeds,
                run.input(StageName.PREPROCESS).output(),
                run.output(),
                true,
                run.fingerprint(),
                new TrackingTrainListener(run.tracker()),
                log);
    }

    @Override
    public void track(StageOutput output, RunTracker tracker) throws Exception {
        tracker.logModel(output.output().resolve(MODEL), MODEL);
    }

    /** Logs the examples it trained on (context {@code training}). */
    @Override
    public void trackInputs(Map<StageName, StageOutput> upstream, RunTracker tracker)
            throws Exception {
        Path examples = PipelineStage.input(upstream, StageName.PREPROCESS).output();
        tracker.logInput(ExamplesDataset.input(examples, DatasetInput.TRAINING, null));
    }

    /**
     * Returns the exported model folder of a train output.
     *
     * @param output the train stage's output
     * @return {@code <output>/model}
     */
    public static Path modelDir(StageOutput output) {
        return output.output().resolve(MODEL);
    }
}
