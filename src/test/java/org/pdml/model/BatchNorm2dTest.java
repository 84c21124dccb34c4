package org.pdml.model;

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
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/** BatchNorm2d against torch's closed-form semantics, and the frozen-statistics option. */
class BatchNorm2dTest {

    private static final int B = 4;
    private static final int C = 3;
    private static final int HW = 4;

    @Test
    void trainingPassNormalisesWithBatchStatisticsAndUpdatesRunningAverages() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchNorm2d bn = new BatchNorm2d(C, false);
            bn.initialize(manager, DataType.FLOAT32, new Shape(B, C, 2, 2));
            float[] x =
                    manager.randomNormal(3f, 2f, new Shape(B, C, 2, 2), DataType.FLOAT32)
                            .toFloatArray();
            NDArray input = manager.create(x, new Shape(B, C, 2, 2));
            float[] y =
                    bn.forward(new ParameterStore(manager, false), new NDList(input), true)
                            .singletonOrThrow()
                            .toFloatArray();
            float[] mean = param(bn, "runningMean").toFloatArray();
            float[] var = param(bn, "runningVar").toFloatArray();
            for (int c = 0; c < C; c++) {
                double[] stats = channelStats(x, c);
                double biasedVar = stats[1] * (B * HW - 1) / (B * HW);
                assertThat(mean[c]).isCloseTo((float) (0.1 * stats[0]), within(1e-5f));
                assertThat(var[c]).isCloseTo((float) (0.9 + 0.1 * stats[1]), within(1e-5f));
                int first = c * HW; // sample 0, channel c, pixel 0
                double expected = (x[first] - stats[0]) / Math.sqrt(biasedVar + 1e-5);
                assertThat((double) y[first]).isCloseTo(expected, within(1e-4));
            }
        }
    }

    /** Returns {mean, unbiased variance} of channel c over batch and pixels. */
    private static double[] channelStats(float[] x, int c) {
        double sum = 0;
        double sq = 0;
        for (int b = 0; b < B; b++) {
            for (int p = 0; p < HW; p++) {
                double v = x[(b * C + c) * HW + p];
                sum += v;
                sq += v * v;
            }
        }
        int n = B * HW;
        double mean = sum / n;
        return new double[] {mean, (sq - n * mean * mean) / (n - 1)};
    }

    @Test
    void frozenStatisticsStayWhileGammaAndBetaTrain() {
        float[][] frozen = trainThreeSteps(true);
        assertThat(frozen[0]).containsOnly(0f);
        assertThat(frozen[1]).containsOnly(1f);
        assertThat(frozen[2]).doesNotContain(1f);
        assertThat(frozen[3]).doesNotContain(0f);
        float[][] live = trainThreeSteps(false);
        assertThat(live[0]).doesNotContain(0f);
    }

    /** Returns {running mean, running var, gamma, beta} after 3 SGD steps on a conv-BN net. */
    private static float[][] trainThreeSteps(boolean frozenBn) {
        Engine.getInstance().setRandomSeed(3);
        SequentialBlock net = SmallCnn.build(2, frozenBn);
        try (Model model = Model.newInstance("bn");
                NDManager data = NDManager.newBaseManager()) {
            model.setBlock(net);
            var config =
                    new DefaultTrainingConfig(Loss.l2Loss())
                            .optOptimizer(
                                    Optimizer.sgd()
                                            .setLearningRateTracker(Tracker.fixed(0.1f))
                                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(2, 3, 16, 16));
                for (int step = 0; step < 3; step++) {
                    try (NDManager batch = data.newSubManager();
                            GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray x =
                                batch.randomNormal(
                                        1f, 1f, new Shape(2, 3, 16, 16), DataType.FLOAT32);
                        NDArray z = trainer.forward(new NDList(x)).singletonOrThrow();
                        collector.backward(z.sum());
                    }
                    trainer.step();
                }
            }
            BatchNorm2d bn =
                    (BatchNorm2d)
                            ((SequentialBlock) net.getChildren().get(0).getValue())
                                    .getChildren()
                                    .get(1)
                                    .getValue();
            return new float[][] {
                param(bn, "runningMean").toFloatArray(), param(bn, "runningVar").toFloatArray(),
                param(bn, "gamma").toFloatArray(), param(bn, "beta").toFloatArray()
            };
        }
    }

    private static NDArray param(BatchNorm2d bn, String name) {
        Parameter p = bn.getDirectParameters().get(name);
        return p.getArray();
    }
}
