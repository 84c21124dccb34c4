package org.pdml.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.pdml.tracking.RunTracker;

/**
 * One stage of {@code pdml run} as {@link PipelineRunner} drives it: it says what its output
 * depends on ({@link #fingerprint}), produces the output ({@link #run}) and reports a fresh or
 * reused output to its child run ({@link #track}). The runner owns reuse, the stage folder and the
 * commit marker.
 */
public interface PipelineStage {

    /** Returns which stage this is. */
    StageName name();

    /**
     * Returns the fingerprint of the output this stage would produce now.
     *
     * @param upstream the committed outputs of the earlier stages
     * @return the fingerprint
     * @throws IOException if an input cannot be read
     */
    StageFingerprint fingerprint(Map<StageName, StageOutput> upstream) throws IOException;

    /**
     * Returns where the output lies: the stage folder itself unless the config names a location.
     *
     * @param stageDir the stage folder in the store
     * @return the output folder
     */
    default Path output(Path stageDir) {
        return stageDir;
    }

    /**
     * Returns the identity of a complete output at a configured location ({@link #output} is not
     * the stage folder); called both after {@link #run} and when checking for reuse.
     *
     * @param output the output folder
     * @return its identity, or empty when the output there is absent or incomplete
     * @throws IOException if it cannot be read
     */
    default Optional<String> externalIdentity(Path output) throws IOException {
        throw new UnsupportedOperationException(name().wireName() + " writes into its folder");
    }

    /**
     * Re-verifies a committed output before the runner reuses it; the runner runs the stage again
     * when this finds damage. The store has already checked the output's identity (the recorded
     * file sizes, or {@link #externalIdentity}); a stage whose identity does not cover its data
     * (preprocess: the examples manifest's hash) checks the data here.
     *
     * @param output the output folder
     * @return what is damaged, or empty when the output may be reused
     * @throws IOException if it cannot be read
     */
    default Optional<String> damage(Path output) throws IOException {
        return Optional.empty();
    }

    /**
     * Tells whether an interrupted run may continue from what it left in the stage folder (training
     * checkpoints); otherwise the runner empties the folder first.
     *
     * @return true to keep an incomplete folder
     */
    default boolean resumable() {
        return false;
    }

    /**
     * Produces the output; must leave it complete when it returns.
     *
     * @param run the stage folder, output location, inputs and tracker
     * @throws Exception if the stage fails (the runner marks the child run FAILED and rethrows)
     */
    void run(StageRun run) throws Exception;

    /**
     * Logs a committed output (fresh or reused) to the stage's child run: metrics, artifacts.
     *
     * @param output the output
     * @param tracker the child run
     * @throws Exception if the output cannot be read
     */
    default void track(StageOutput output, RunTracker tracker) throws Exception {}

    /**
     * Logs the upstream outputs this stage read as the child run's dataset inputs ({@link
     * RunTracker#logInput}); called with {@link #track}, for a fresh or a reused output.
     *
     * @param upstream the outputs of the earlier stages
     * @param tracker the child run
     * @throws Exception if an input cannot be read
     */
    default void trackInputs(Map<StageName, StageOutput> upstream, RunTracker tracker)
            throws Exception {}

    /**
     * Looks up an upstream output.
     *
     * @param upstream the outputs so far
     * @param stage an earlier stage
     * @return its output
     * @throws IllegalStateException if that stage has not run
     */
    static StageOutput input(Map<StageName, StageOutput> upstream, StageName stage) {
        StageOutput out = upstream.get(stage);
        if (out == null) {
            throw new IllegalStateException(
                    "stage " + stage.wireName() + " has no output in this pipeline");
        }
        return out;
    }
}
