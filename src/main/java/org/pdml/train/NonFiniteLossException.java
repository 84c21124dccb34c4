package org.pdml.train;

/** A training step produced a NaN or infinite loss; the run stops and keeps its last checkpoint. */
public final class NonFiniteLossException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long step;

    /**
     * Creates the error.
     *
     * @param step global step (0-based) whose loss was not finite
     * @param epoch epoch (1-based) of that step
     * @param loss the loss value
     */
    public NonFiniteLossException(long step, int epoch, double loss) {
        super(
                String.format(
                        "loss is %s at step %d (epoch %d); stopping. The last good checkpoint is"
                                + " kept; lower the learning rates or check the data.",
                        loss, step, epoch));
        this.step = step;
    }

    /** Returns the global step whose loss was not finite. */
    public long step() {
        return step;
    }
}
