package org.pdml.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pdml.config.PdmlConfig;
import org.pdml.data.ClassBalancedSampler;
import org.pdml.model.EmbeddingModel;
import org.pdml.model.VmfProxies;
import org.pdml.provenance.Seeds;

/**
 * The live objects of a training run: model, block, sampler, optimiser and trainer, built from a
 * config and initialised with the model-init seed. Closing it releases all native memory.
 */
public final class TrainSession implements AutoCloseable {
    private final Model model;
    private final TrainingBlock block;
    private final ClassBalancedSampler sampler;
    private final PerGroupOptimizer optimizer;
    private final Trainer trainer;
    private final Optional<TrainState> restored;
    private final Map<String, String> groupProbe = new LinkedHashMap<>();
    private final Networks.Network network;

    /**
     * Builds and initialises everything. The block is initialised first and {@code restore} runs
     * before the trainer exists, because DJL's trainer caches the parameter arrays it sees at its
     * own initialisation: parameters loaded later would never be trained.
     *
     * @param config the resolved config
     * @param inputs the training data
     * @param seeds the run's seeds
     * @param device where parameters, optimiser state and batches live
     * @param restore loads a checkpoint into the fresh block and optimiser, or does nothing
     * @throws IOException if {@code restore} fails or a TorchScript backbone cannot be loaded
     */
    public TrainSession(
            PdmlConfig config, TrainInputs inputs, Seeds seeds, Device device, Restorer restore)
            throws IOException {
        Engine.getInstance().setRandomSeed(seeds.intSeed(Seeds.Purpose.MODEL_INIT));
        network = Networks.open(config.model(), config.train().inputSize(), device);
        block = newBlock(config, network.model(), inputs.classes().classCount());
        model = Model.newInstance("pdml", device);
        model.setBlock(block);
        int side = config.train().inputSize();
        Shape input = new Shape(1, 3, side, side);
        block.initialize(model.getNDManager(), DataType.FLOAT32, input);
        sampler =
                new ClassBalancedSampler(
                        inputs.classOfRow(),
                        config.train().batchSize(),
                        config.train().samplesPerClass(),
                        seeds);
        optimizer =
                OptimizerFactory.build(
                        config.train().optimizer(),
                        config.train().schedule(),
                        sampler.batchesPerEpoch(),
                        config.train().epochs(),
                        block);
        restored = restore.restore(this);
        trainer =
                model.newTrainer(
                        new DefaultTrainingConfig(Losses.fromConfig(config.loss()))
                                .optOptimizer(optimizer));
        trainer.initialize(input);
        if (!config.loss().temperature().learnable()) {
            block.proxies().temperature().freeze(true);
        }
        OptimizerFactory.groups(block).forEach((g, ps) -> groupProbe.put(g, firstId(ps)));
    }

    private static TrainingBlock newBlock(PdmlConfig config, EmbeddingModel embedder, int classes) {
        float kappa0 = (float) config.loss().kappaInit();
        float t0 = (float) config.loss().temperature().init();
        return new TrainingBlock(
                embedder, new VmfProxies(classes, config.model().embeddingDim(), kappa0, t0));
    }

    /**
     * Returns the state of the checkpoint {@code restore} loaded, if any.
     *
     * @return the restored state, or empty for a fresh run
     */
    public Optional<TrainState> restored() {
        return restored;
    }

    /** Loads a checkpoint into a session under construction. */
    @FunctionalInterface
    public interface Restorer {
        /**
         * Restores parameters and optimiser state, or does nothing.
         *
         * @param session the session, with block and optimiser built but no trainer yet
         * @return the restored state, or empty when nothing was restored
         * @throws IOException if a checkpoint cannot be read
         */
        Optional<TrainState> restore(TrainSession session) throws IOException;
    }

    private static String firstId(PairList<String, Parameter> params) {
        return params.isEmpty() ? null : params.get(0).getValue().getId();
    }

    /** Returns the DJL model (its manager owns the parameters). */
    public Model model() {
        return model;
    }

    /** Returns the training block. */
    public TrainingBlock block() {
        return block;
    }

    /** Returns the class-balanced sampler. */
    public ClassBalancedSampler sampler() {
        return sampler;
    }

    /** Returns the per-group optimiser. */
    public PerGroupOptimizer optimizer() {
        return optimizer;
    }

    /** Returns the trainer. */
    public Trainer trainer() {
        return trainer;
    }

    /**
     * Freezes or unfreezes the backbone's trainable parameters (warm-up epochs train the head and
     * proxies only). BatchNorm running statistics are never made trainable: autograd rejects them.
     *
     * @param frozen true to freeze
     */
    public void freezeBackbone(boolean frozen) {
        for (Pair<String, Parameter> p : block.embedder().backbone().getParameters()) {
            Parameter.Type type = p.getValue().getType();
            if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
                p.getValue().freeze(frozen);
            }
        }
    }

    /**
     * Returns the trainable parameters (for clipping).
     *
     * @return parameters that require gradients
     */
    public List<Parameter> trainableParameters() {
        List<Parameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                out.add(p.getValue());
            }
        }
        return out;
    }

    /**
     * Returns the current learning rate of each parameter group.
     *
     * @return group → rate
     */
    public Map<String, Double> learningRates() {
        Map<String, Double> out = new LinkedHashMap<>();
        groupProbe.forEach(
                (g, id) -> {
                    if (id != null) {
                        out.put(g, (double) optimizer.currentLearningRate(id));
                    }
                });
        return out;
    }

    @Override
    public void close() {
        trainer.close();
        optimizer.close();
        model.close();
        network.close();
    }
}
