package org.pdml.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.pdml.config.EarlyStoppingConfig;
import org.pdml.config.ModelConfig;
import org.pdml.config.PdmlConfig;
import org.pdml.config.ResolvedConfig;
import org.pdml.data.PrefetchingLoader;
import org.pdml.data.RecordTransforms;
import org.pdml.data.SampleTransform;
import org.pdml.model.DeviceChoice;
import org.pdml.provenance.Seeds;

/**
 * {@code pdml train}: fits the embedding network and the nivMF proxies on the training split of an
 * examples folder, selects on the validation split, and exports the best model. Resumes exactly
 * from {@code <out>/checkpoints/latest} when asked. With {@code train.epochs: 0} it exports the
 * initial network (seeded initialisation plus warm start), the untrained baseline.
 */
public final class TrainStage {
    private TrainStage() {}

    /**
     * Trains.
     *
     * @param resolved the resolved config
     * @param seeds the run's seeds, of the config's root seed
     * @param examples folder written by {@code pdml preprocess}
     * @param out run folder (checkpoints/ and model/ are written here)
     * @param resume continue from {@code checkpoints/latest} if it exists
     * @param listener tracking callbacks
     * @param log progress output
     * @return the outcome
     * @throws IOException if data or checkpoints cannot be read or written
     * @throws NonFiniteLossException if the loss becomes NaN or infinite
     */
    public static TrainResult run(
            ResolvedConfig resolved,
            Seeds seeds,
            Path examples,
            Path out,
            boolean resume,
            TrainListener listener,
            PrintStream log)
            throws IOException {
        return run(resolved, seeds, examples, out, resume, resolved.hash(), listener, log);
    }

    /**
     * Trains, keying checkpoints by {@code checkpointKey} instead of the whole config's hash: a
     * resume refuses a checkpoint written under another key. {@code pdml run} passes the train
     * stage's fingerprint, so a change to a section training does not read (eval, tracking) does
     * not block resuming.
     *
     * @param resolved the resolved config
     * @param seeds the run's seeds, of the config's root seed: model init, sampler, augmentation
     *     and loss sampling draw from their streams
     * @param examples folder written by {@code pdml preprocess}
     * @param out output folder (checkpoints/ and model/ are written here)
     * @param resume continue from {@code checkpoints/latest} if it exists
     * @param checkpointKey identity recorded in and checked against checkpoints
     * @param listener tracking callbacks
     * @param log progress output
     * @return the outcome
     * @throws IOException if data or checkpoints cannot be read or written
     * @throws NonFiniteLossException if the loss becomes NaN or infinite
     * @throws IllegalStateException if the checkpoint to resume was written under another key
     * @throws IllegalArgumentException if {@code seeds} is not of the config's root seed
     */
    public static TrainResult run(
            ResolvedConfig resolved,
            Seeds seeds,
            Path examples,
            Path out,
            boolean resume,
            String checkpointKey,
            TrainListener listener,
            PrintStream log)
            throws IOException {
        PdmlConfig config = resolved.config();
        requireRunSeeds(config, seeds);
        DeviceChoice device = DeviceChoice.choose(config.train().deviceRequest());
        log.println(device.summary());
        listener.onDevice(device.device());
        TrainInputs inputs = TrainInputs.load(examples);
        CheckpointStore store = checkpoints(out);
        try (TrainSession session =
                new TrainSession(
                        config,
                        inputs,
                        seeds,
                        device.device(),
                        sess -> restore(config, checkpointKey, sess, store, resume))) {
            TrainState state = session.restored().orElse(null);
            if (state == null) {
                WarmStart.apply(config, session, inputs);
                state = TrainState.fresh(checkpointKey);
            } else {
                log.printf(
                        "resuming after epoch %d (step %d)%n",
                        state.epochsDone(), state.globalStep());
            }
            TrainLoop loop = loop(config, session, inputs, seeds, store, listener, log);
            state = loop.run(state);
            String chosen = inputs.val().isPresent() ? TrainLoop.BEST : TrainLoop.LATEST;
            if (state.epochsDone() == 0) {
                // train.epochs=0: the initial network is the model (the untrained baseline).
                chosen = TrainLoop.LATEST;
                store.save(chosen, session.block(), session.optimizer()::saveState, state);
            }
            store.load(chosen, session.model().getNDManager(), session.block(), null);
            Path modelDir = ModelExport.write(session, inputs, resolved, state, out);
            return new TrainResult(state, modelDir, store.dir(chosen));
        }
    }

    /** Provenance records the config's root seed: training must draw from that one. */
    private static void requireRunSeeds(PdmlConfig config, Seeds seeds) {
        if (seeds.root() != config.seed()) {
            throw new IllegalArgumentException(
                    seeds + " are not the seeds of the config's seed " + config.seed());
        }
    }

    /** The checkpoints of run folder {@code out}: {@code <out>/checkpoints}. */
    static CheckpointStore checkpoints(Path out) {
        return new CheckpointStore(out.resolve("checkpoints"));
    }

    private static Optional<TrainState> restore(
            PdmlConfig config,
            String checkpointKey,
            TrainSession session,
            CheckpointStore store,
            boolean resume)
            throws IOException {
        if (!resume || store.state(TrainLoop.LATEST).isEmpty()) {
            return Optional.empty();
        }
        if (config.model().backbone() == ModelConfig.Backbone.TORCHSCRIPT
                && !config.model().frozenBn()) {
            // The module's parameters are restored in place, but DJL exposes no TorchScript
            // buffers: BatchNorm statistics that training moved could not be restored.
            throw new IllegalStateException(
                    "--resume with model.backbone=torchscript needs model.frozen_bn: true (the"
                            + " module's BatchNorm running statistics cannot be restored through"
                            + " DJL); start a new run folder instead of resuming "
                            + store.dir(TrainLoop.LATEST));
        }
        TrainState s =
                store.load(
                        TrainLoop.LATEST,
                        session.model().getNDManager(),
                        session.block(),
                        session.optimizer()::loadState);
        if (!s.configHash().equals(checkpointKey)) {
            throw new IllegalStateException(
                    "checkpoint "
                            + store.dir(TrainLoop.LATEST)
                            + " was written with config hash "
                            + s.configHash()
                            + ", not "
                            + checkpointKey
                            + "; start a new run folder instead of --resume");
        }
        return Optional.of(s);
    }

    private static TrainLoop loop(
            PdmlConfig config,
            TrainSession session,
            TrainInputs inputs,
            Seeds seeds,
            CheckpointStore store,
            TrainListener listener,
            PrintStream log) {
        TrainStep step =
                new TrainStep(
                        session.trainer(),
                        session.trainableParameters(),
                        (ps, max) -> session.optimizer().clipGradNorm(ps, max),
                        config.train().gradClip());
        int warmup = config.loss().warmupEpochs();
        return new TrainLoop(
                new TrainLoop.Parts(
                        config.train().epochs(),
                        epoch -> batches(session, epoch),
                        (epoch, batches) -> loader(config, inputs, seeds, epoch, batches),
                        step,
                        s -> seeds.seed(Seeds.Purpose.LOSS_SAMPLING, s),
                        validation(config, session, inputs),
                        selectionKey(config.train().earlyStopping()),
                        config.train().earlyStopping().patience(),
                        Math.max(1, config.train().checkpointEvery()),
                        (name, s) ->
                                store.save(
                                        name, session.block(), session.optimizer()::saveState, s),
                        epoch -> session.freezeBackbone(epoch <= warmup),
                        session::learningRates,
                        listener,
                        log));
    }

    private static List<int[]> batches(TrainSession session, int epoch) {
        int n = session.sampler().batchesPerEpoch();
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(b -> session.sampler().batch(epoch, b))
                .toList();
    }

    private static TrainLoop.AutoCloseableIterator loader(
            PdmlConfig config, TrainInputs inputs, Seeds seeds, int epoch, List<int[]> batches) {
        int side = config.train().inputSize();
        SampleTransform t =
                RecordTransforms.training(inputs.train(), config.train().augmentation(), side);
        PrefetchingLoader loader =
                new PrefetchingLoader(
                        batches,
                        row -> inputs.classOfRow()[row],
                        t,
                        (b, i) -> seeds.seed(Seeds.Purpose.AUGMENTATION, epoch, b, i),
                        new int[] {3, side, side},
                        Math.max(1, config.train().numWorkers()),
                        Math.max(1, config.train().prefetch()));
        return new TrainLoop.AutoCloseableIterator() {
            @Override
            public boolean hasNext() {
                return loader.hasNext();
            }

            @Override
            public org.pdml.data.HostBatch next() {
                return loader.next();
            }

            @Override
            public void close() {
                loader.close();
            }
        };
    }

    private static Supplier<Map<String, Double>> validation(
            PdmlConfig config, TrainSession session, TrainInputs inputs) {
        if (inputs.val().isEmpty()) {
            return Map::of;
        }
        return () -> Validation.score(config, session, inputs.val().get());
    }

    static String selectionKey(EarlyStoppingConfig es) {
        return switch (es.metric()) {
            case MAP_AT_R -> Validation.MAP_AT_R;
            case RECALL_AT_1 -> Validation.RECALL_AT_1;
        };
    }

    /**
     * What a training run produced.
     *
     * @param state final state (epochs, best validation metric)
     * @param modelDir exported model folder
     * @param checkpoint the checkpoint the export was made from
     */
    public record TrainResult(TrainState state, Path modelDir, Path checkpoint) {}
}
