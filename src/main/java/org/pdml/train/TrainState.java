package org.pdml.train;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.Properties;

/**
 * Where a training run stands at an epoch boundary: everything besides parameters and optimiser
 * state that an exact resume needs. The sampler and every random stream are pure functions of
 * (seed, epoch, step), so the epoch and the global step are their complete state.
 *
 * @param epochsDone completed epochs
 * @param globalStep optimiser steps taken so far
 * @param bestMetric best validation metric so far (NaN before the first validation)
 * @param bestEpoch epoch (1-based) that reached it, 0 before the first validation
 * @param staleEpochs epochs since the last improvement (early stopping)
 * @param configHash hash of the resolved config the run was started with
 */
public record TrainState(
        int epochsDone,
        long globalStep,
        double bestMetric,
        int bestEpoch,
        int staleEpochs,
        String configHash) {

    /**
     * The state of a run that has not started.
     *
     * @param configHash the resolved config's hash
     * @return epoch 0, step 0, no best metric
     */
    public static TrainState fresh(String configHash) {
        return new TrainState(0, 0, Double.NaN, 0, 0, configHash);
    }

    /**
     * Records an epoch's validation metric.
     *
     * @param metric the epoch's validation metric (higher is better)
     * @param stepsAfter global step at the end of the epoch
     * @return the next state; {@link #improved(TrainState)} tells whether it is the new best
     */
    public TrainState afterEpoch(double metric, long stepsAfter) {
        int epoch = epochsDone + 1;
        boolean better = Double.isNaN(bestMetric) || metric > bestMetric;
        return better
                ? new TrainState(epoch, stepsAfter, metric, epoch, 0, configHash)
                : new TrainState(
                        epoch, stepsAfter, bestMetric, bestEpoch, staleEpochs + 1, configHash);
    }

    /**
     * Tells whether this state's best epoch is newer than the previous state's.
     *
     * @param previous the state before the epoch
     * @return true if the last epoch set a new best
     */
    public boolean improved(TrainState previous) {
        return bestEpoch != previous.bestEpoch();
    }

    /**
     * Writes the state as Java properties, one {@code key=value} line per field in declaration
     * order under a fixed comment. The text is a function of the state alone (no date comment, no
     * hash order, unlike {@link Properties#store}), so identical runs write identical checkpoints
     * and an equal train-stage hash.
     *
     * @param out destination
     * @throws IOException if writing fails
     */
    public void write(Writer out) throws IOException {
        // Values are digits, "NaN"/"Infinity" or hex: nothing needs properties escaping.
        out.write("# pdml training state\n");
        out.write("epochs_done=" + epochsDone + "\n");
        out.write("global_step=" + globalStep + "\n");
        out.write("best_metric=" + bestMetric + "\n");
        out.write("best_epoch=" + bestEpoch + "\n");
        out.write("stale_epochs=" + staleEpochs + "\n");
        out.write("config_hash=" + configHash + "\n");
    }

    /**
     * Reads a state written by {@link #write}.
     *
     * @param in source
     * @param where the file, for error messages
     * @return the state
     * @throws IOException if a key is missing or malformed, naming it and the file
     */
    public static TrainState read(Reader in, String where) throws IOException {
        Properties p = new Properties();
        p.load(in);
        try {
            return new TrainState(
                    Integer.parseInt(required(p, "epochs_done", where)),
                    Long.parseLong(required(p, "global_step", where)),
                    Double.parseDouble(required(p, "best_metric", where)),
                    Integer.parseInt(required(p, "best_epoch", where)),
                    Integer.parseInt(required(p, "stale_epochs", where)),
                    required(p, "config_hash", where));
        } catch (NumberFormatException e) {
            throw new IOException(where + ": malformed number: " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String key, String where) throws IOException {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IOException(where + ": missing key '" + key + "'");
        }
        return v;
    }
}
