package org.pdml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pdml.model.EmbeddingHead;
import org.pdml.model.EmbeddingModel;
import org.pdml.model.SmallCnn;

/**
 * Through DJL's own Trainer, every trainable parameter is routed to its group: Adam's first step
 * moves each weight by lr·|g|/(|g| + ε) ≈ lr, so the largest move per group equals its own lr.
 */
class TrainerRoutingTest {

    @Test
    void trainerStepUsesEachGroupsLearningRate() {
        Engine.getInstance().setRandomSeed(11);
        EmbeddingModel net =
                new EmbeddingModel(SmallCnn.build(2, false), new EmbeddingHead(8, 4, 1f));
        try (Model model = Model.newInstance("routing");
                NDManager data = NDManager.newBaseManager()) {
            model.setBlock(net);
            try (PerGroupOptimizer optimizer =
                            PerGroupOptimizer.builder()
                                    .addGroup(
                                            ParameterGroup.adam(
                                                    "backbone", Tracker.fixed(1e-4f), 0f),
                                            net.backbone().getParameters())
                                    .addGroup(
                                            ParameterGroup.adam("head", Tracker.fixed(1e-2f), 0f),
                                            net.head().getParameters())
                                    .build();
                    Trainer trainer =
                            model.newTrainer(
                                    new DefaultTrainingConfig(Loss.l2Loss())
                                            .optOptimizer(optimizer))) {
                trainer.initialize(new Shape(2, 3, 16, 16));
                Map<String, float[]> before = snapshot(net);
                try (NDManager batch = data.newSubManager();
                        GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray x =
                            batch.randomNormal(0f, 1f, new Shape(2, 3, 16, 16), DataType.FLOAT32);
                    collector.backward(
                            trainer.forward(new NDList(x)).singletonOrThrow().square().sum());
                }
                trainer.step();
                assertThat(maxMove(net.head().getParameters().values(), before))
                        .isCloseTo(1e-2, within(1e-4));
                assertThat(maxMove(net.backbone().getParameters().values(), before))
                        .isCloseTo(1e-4, within(1e-6));
            }
        }
    }

    private static Map<String, float[]> snapshot(EmbeddingModel net) {
        Map<String, float[]> out = new HashMap<>();
        for (Parameter p : net.getParameters().values()) {
            out.put(p.getId(), p.getArray().toFloatArray());
        }
        return out;
    }

    private static double maxMove(Iterable<Parameter> params, Map<String, float[]> before) {
        double max = 0;
        for (Parameter p : params) {
            if (!p.requiresGradient()) {
                continue;
            }
            float[] now = p.getArray().toFloatArray();
            float[] old = before.get(p.getId());
            for (int i = 0; i < now.length; i++) {
                max = Math.max(max, Math.abs(now[i] - old[i]));
            }
        }
        return max;
    }
}
