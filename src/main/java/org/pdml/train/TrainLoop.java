package org.pdml.train;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import org.pdml.data.HostBatch;

/**
 * Epochs of steps with validation, checkpoints and early stopping. Every random stream is re-seeded
 * from (seed, step) before each step and every batch is a function of (seed, epoch), so a run
 * resumed from the checkpoint at an epoch boundary continues bit-identically on CPU.
 */
public final class TrainLoop {
    /** Checkpoint written at every epoch boundary (and used by {@code --resume}). */
    public static final String LATEST = "latest";

    /** Checkpoint of the epoch with the best validation metric. */
    public static final String BEST = "best";

    private final Parts parts;

    /**
     * Creates the loop.
     *
     * @param parts its collaborators
     */
    public TrainLoop(Parts parts) {
        this.parts = parts;
    }

    /**
     * Trains from {@code start} until {@code epochs} epochs are done or early stopping triggers.
     *
     * @param start state to continue from (a fresh one, or a loaded checkpoint's)
     * @return the final state
     * @throws IOException if a checkpoint cannot be written
     * @throws NonFiniteLossException if a loss is NaN or infinite (the last checkpoint stays)
     */
    public TrainState run(TrainState start) throws IOException {
        TrainState state = start;
        while (state.epochsDone() < parts.epochs() && !stopEarly(state)) {
            state = epoch(state);
        }
        return state;
    }

    private boolean stopEarly(TrainState s) {
        return parts.patience() > 0 && s.staleEpochs() >= parts.patience();
    }

    private TrainState epoch(TrainState before) throws IOException {
        int epoch = before.epochsDone() + 1;
        List<int[]> batches = parts.plan().batches(epoch);
        parts.beforeEpoch().accept(epoch);
        double lossSum = 0;
        long step = before.globalStep();
        ProgressPrinter progress = progress(epoch, batches);
        try (AutoCloseableIterator loader = parts.loaders().apply(epoch, batches)) {
            while (loader.hasNext()) {
                HostBatch batch = loader.next();
                Engine.getInstance().setRandomSeed((int) parts.stepSeed().applyAsLong(step));
                double loss = parts.step().run(batch, step, epoch);
                step++;
                lossSum += loss;
                progress.update(step - before.globalStep(), loss);
                parts.listener().onStep(step, loss, parts.learningRates().get());
            }
        }
        return finishEpoch(before, epoch, step, lossSum / Math.max(1, batches.size()));
    }

    private TrainState finishEpoch(TrainState before, int epoch, long step, double meanLoss)
            throws IOException {
        Map<String, Double> metrics = new LinkedHashMap<>(parts.validation().get());
        double selection = metrics.getOrDefault(parts.selectionMetric(), -meanLoss);
        TrainState after = before.afterEpoch(selection, step);
        metrics.put("train_loss", meanLoss);
        parts.listener().onEpoch(epoch, metrics);
        parts.out().printf("epoch %d/%d done: %s%n", epoch, parts.epochs(), metrics);
        if (after.improved(before)) {
            parts.checkpoint().save(BEST, after);
        }
        if (epoch % parts.checkpointEvery() == 0 || epoch == parts.epochs()) {
            parts.checkpoint().save(LATEST, after);
        }
        return after;
    }

    private ProgressPrinter progress(int epoch, List<int[]> batches) {
        int batchSize = batches.isEmpty() ? 0 : batches.get(0).length;
        return new ProgressPrinter(
                parts.out(),
                System::nanoTime,
                Duration.ofSeconds(10),
                "epoch " + epoch + "/" + parts.epochs(),
                batches.size(),
                batchSize);
    }

    /** An iterator of batches that releases its workers when closed. */
    public interface AutoCloseableIterator extends Iterator<HostBatch>, AutoCloseable {
        @Override
        void close();
    }

    /** Writes a named checkpoint of the current parameters, optimiser state and run state. */
    @FunctionalInterface
    public interface Checkpointer {
        /**
         * Saves.
         *
         * @param name {@link #LATEST} or {@link #BEST}
         * @param state the run state to store with it
         * @throws IOException if writing fails
         */
        void save(String name, TrainState state) throws IOException;
    }

    /** Called at the start of each epoch (e.g. to unfreeze the backbone after warm-up). */
    @FunctionalInterface
    public interface EpochHook {
        /**
         * Runs the hook.
         *
         * @param epoch 1-based epoch about to start
         */
        void accept(int epoch);
    }

    /**
     * The loop's collaborators.
     *
     * @param epochs total epochs
     * @param plan batches of each epoch
     * @param loaders opens the loader of an epoch's batches
     * @param step one optimisation step
     * @param stepSeed global step → engine seed
     * @param validation validation metrics of the current model (empty map without validation)
     * @param selectionMetric key in the validation metrics that selects the best checkpoint
     * @param patience early-stopping patience in epochs (0 = off)
     * @param checkpointEvery write {@link #LATEST} every this many epochs
     * @param checkpoint writes checkpoints
     * @param beforeEpoch hook at the start of each epoch
     * @param learningRates current rates per group
     * @param listener tracking callbacks
     * @param out progress output
     */
    public record Parts(
            int epochs,
            EpochPlan plan,
            BiFunction<Integer, List<int[]>, AutoCloseableIterator> loaders,
            TrainStep step,
            LongUnaryOperator stepSeed,
            Supplier<Map<String, Double>> validation,
            String selectionMetric,
            int patience,
            int checkpointEvery,
            Checkpointer checkpoint,
            EpochHook beforeEpoch,
            Supplier<Map<String, Double>> learningRates,
            TrainListener listener,
            PrintStream out) {}
}
