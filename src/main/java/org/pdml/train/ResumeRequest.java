package org.pdml.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a user asked {@code pdml train} to do with a run folder's checkpoint, and the check that the
 * folder agrees, made before any work. Training over a checkpoint needs a word either way, so that
 * neither a typo'd {@code --out} ({@code --resume} silently starting from epoch 1) nor a forgotten
 * flag (a day of training overwritten from epoch 1) goes unnoticed.
 *
 * <ul>
 *   <li>{@link #FRESH} (no flag): the folder must hold no checkpoint;
 *   <li>{@link #RESUME} ({@code --resume}): it must hold one, which training continues;
 *   <li>{@link #RESTART} ({@code --restart}): start from epoch 1 whatever it holds; the old
 *       checkpoints are replaced as training writes new ones.
 * </ul>
 *
 * {@code pdml run} does not go through this: an interrupted stage folder is its own, and it resumes
 * when a checkpoint is there.
 */
public enum ResumeRequest {
    /** Start from epoch 1 in a folder without a checkpoint. */
    FRESH,
    /** Continue the folder's latest checkpoint. */
    RESUME,
    /** Start from epoch 1, replacing any checkpoint. */
    RESTART;

    /**
     * Maps the two command-line flags.
     *
     * @throws IllegalArgumentException when both are set
     */
    public static ResumeRequest of(boolean resume, boolean restart) {
        if (resume && restart) {
            throw new IllegalArgumentException("--resume and --restart exclude each other");
        }
        return resume ? RESUME : restart ? RESTART : FRESH;
    }

    /**
     * Checks the request against the run folder's latest checkpoint.
     *
     * @param out the run folder ({@code <out>/checkpoints/latest})
     * @return whether training should continue from the checkpoint
     * @throws IllegalStateException naming the folder and the flag to use, when the request and the
     *     folder disagree
     * @throws IOException if the checkpoint state is unreadable
     */
    public boolean resumes(Path out) throws IOException {
        CheckpointStore store = TrainStage.checkpoints(out);
        Optional<TrainState> latest = store.state(TrainLoop.LATEST);
        Path where = store.dir(TrainLoop.LATEST);
        if (this == RESUME && latest.isEmpty()) {
            throw new IllegalStateException(
                    "--resume: there is no checkpoint to resume at "
                            + where
                            + "; check --out, or pass --restart (or no flag) to train from epoch 1");
        }
        if (this == FRESH && latest.isPresent()) {
            throw new IllegalStateException(
                    where
                            + " holds a checkpoint after epoch "
                            + latest.get().epochsDone()
                            + ": pass --resume to continue it, or --restart to train from epoch 1"
                            + " and replace it");
        }
        return this == RESUME;
    }
}
