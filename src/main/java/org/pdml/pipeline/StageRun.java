package org.pdml.pipeline;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.pdml.tracking.RunTracker;

/**
 * What a stage gets when it must produce its output.
 *
 * @param dir the stage folder (exists; empty unless the stage is resumable and was interrupted)
 * @param output where to write the output ({@link PipelineStage#output(Path)})
 * @param fingerprint the stage's fingerprint, e.g. the key of training checkpoints
 * @param upstream the outputs of the stages before this one
 * @param tracker the stage's child run
 * @param console user-facing progress lines
 */
public record StageRun(
        Path dir,
        Path output,
        String fingerprint,
        Map<StageName, StageOutput> upstream,
        RunTracker tracker,
        PrintWriter console) {

    /** Copies the upstream map. */
    public StageRun {
        upstream = Map.copyOf(upstream);
    }

    /**
     * Returns the output of an upstream stage.
     *
     * @param stage an earlier stage
     * @return its output
     * @throws IllegalStateException if that stage has not run in this pipeline
     */
    public StageOutput input(StageName stage) {
        return PipelineStage.input(upstream, stage);
    }
}
