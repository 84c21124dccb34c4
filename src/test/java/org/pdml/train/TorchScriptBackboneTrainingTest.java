package org.pdml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.config.ConfigLoader;
import org.pdml.config.ResolvedConfig;
import org.pdml.eval.EmbedFormat;
import org.pdml.eval.EmbedStage;
import org.pdml.model.SmallCnn;
import org.pdml.model.torchscript.ExportedEmbedder;
import org.pdml.model.torchscript.TorchScriptModels;
import org.pdml.testing.SyntheticExamples;

/**
 * {@code model.backbone: torchscript}: a TorchScript file (here a small CNN written by the
 * pure-Java exporter, standing in for e.g. a scripted torchvision ResNet-50) is loaded with
 * trainable parameters, trained as the backbone, and exported as {@code backbone.pt} + {@code
 * head.pt}, which {@code pdml embed} reads back.
 */
class TorchScriptBackboneTrainingTest {
    private static final ai.djl.Device CPU = ai.djl.Device.cpu();

    private static final int WIDTH = 4;

    @TempDir static Path dir;
    static Path examples;
    static Path backbone;

    @BeforeAll
    static void writeInputs() throws IOException {
        examples = dir.resolve("examples");
        SyntheticExamples.write(examples, 4, 2, 6, 20, 17L);
        backbone = dir.resolve("backbone-in.pt");
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(4);
            Block cnn = SmallCnn.build(WIDTH, false);
            cnn.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            TorchScriptModels.export(cnn, backbone);
        }
    }

    private static ResolvedConfig config(String... overrides) {
        String yaml =
                String.join(
                        "\n",
                        "name: torchscript-backbone-test",
                        "seed: 8",
                        "data: {dataset: folder, source: unused, output: unused}",
                        "model:",
                        "  backbone: torchscript",
                        "  torchscript_path: " + backbone,
                        "  embedding_dim: 6",
                        "  frozen_bn: false",
                        "loss: {warm_start: class-means, samples: 2}",
                        "train:",
                        "  epochs: 2",
                        "  batch_size: 8",
                        "  samples_per_class: 2",
                        "  input_size: 16",
                        "  optimizer: {lr: 1.0e-2}",
                        "  num_workers: 1",
                        "  augmentation: {resize: 20, center_crop: 16}",
                        "eval: {k_list: [1], block_size: 64}",
                        "tracking: {mode: off}");
        return ConfigLoader.parse(yaml, "torchscript.yaml", List.of(overrides));
    }

    @Test
    void everyParameterOfTheImportedBackboneMovesAndTheExportEmbeds(@TempDir Path out)
            throws IOException {
        TrainStage.TrainResult result =
                TrainStageTest.train(config(), examples, out, false, TrainListener.NONE);

        Map<String, float[]> before = parameters(backbone);
        Map<String, float[]> after =
                parameters(result.modelDir().resolve(ExportedEmbedder.BACKBONE));
        assertThat(after.keySet()).isEqualTo(before.keySet()).isNotEmpty();
        for (String name : before.keySet()) {
            assertThat(after.get(name)).as(name).hasSameSizeAs(before.get(name));
            assertThat(after.get(name)).as("%s moved", name).isNotEqualTo(before.get(name));
        }
        assertThat(ExportedEmbedder.files(result.modelDir()))
                .extracting(p -> p.getFileName().toString())
                .containsExactly(ExportedEmbedder.BACKBONE, ExportedEmbedder.HEAD);

        Path embeddings = out.resolve("embeddings");
        int n = EmbedStage.run(result.modelDir(), examples, EmbedFormat.NPY, embeddings, CPU);
        assertThat(n).isEqualTo(4 * 6 + 2 * 6);
    }

    @Test
    void aRunCrashedAfterEpochOneAndResumedEqualsTheStraightRunBitForBit(
            @TempDir Path straight, @TempDir Path crashed) throws IOException {
        ResolvedConfig frozen = config("model.frozen_bn=true");
        TrainStage.TrainResult whole =
                TrainStageTest.train(frozen, examples, straight, false, TrainListener.NONE);

        assertThatThrownBy(
                        () ->
                                TrainStageTest.train(
                                        frozen, examples, crashed, false, new CrashInEpochTwo()))
                .hasMessageContaining(CrashInEpochTwo.MESSAGE);
        TrainStage.TrainResult resumed =
                TrainStageTest.train(frozen, examples, crashed, true, TrainListener.NONE);

        for (String file : List.of(ExportedEmbedder.BACKBONE, ExportedEmbedder.HEAD)) {
            Map<String, float[]> expected = parameters(whole.modelDir().resolve(file));
            Map<String, float[]> actual = parameters(resumed.modelDir().resolve(file));
            assertThat(actual.keySet()).as(file).isEqualTo(expected.keySet()).isNotEmpty();
            for (String name : expected.keySet()) {
                assertThat(Arrays.equals(actual.get(name), expected.get(name)))
                        .as("%s %s bit-identical after resume", file, name)
                        .isTrue();
            }
        }
        // The straight run's backbone moved in epoch 2, so equality is not the epoch-1 state.
        Map<String, float[]> input = parameters(backbone);
        assertThat(parameters(whole.modelDir().resolve(ExportedEmbedder.BACKBONE)))
                .allSatisfy((name, values) -> assertThat(values).isNotEqualTo(input.get(name)));
    }

    @Test
    void resumingWithTrainableBatchNormStatisticsIsRefusedNamingTheCheckpoint(@TempDir Path out)
            throws IOException {
        TrainStageTest.train(config("train.epochs=1"), examples, out, false, TrainListener.NONE);
        assertThatThrownBy(
                        () ->
                                TrainStageTest.train(
                                        config("train.epochs=1"),
                                        examples,
                                        out,
                                        true,
                                        TrainListener.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs model.frozen_bn: true")
                .hasMessageContaining(out.resolve("checkpoints").resolve("latest").toString());
    }

    /** Fails the first step after epoch 1 ended, i.e. after its checkpoint was written. */
    private static final class CrashInEpochTwo implements TrainListener {
        static final String MESSAGE = "simulated crash in epoch 2";
        private boolean epochOneDone;

        @Override
        public void onEpoch(int epoch, Map<String, Double> metrics) {
            epochOneDone |= epoch == 1;
        }

        @Override
        public void onStep(long step, double loss, Map<String, Double> learningRates) {
            if (epochOneDone) {
                throw new IllegalStateException(MESSAGE);
            }
        }
    }

    /** The parameters of a TorchScript file, by name. */
    private static Map<String, float[]> parameters(Path file) throws IOException {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (ZooModel<NDList, NDList> m =
                TorchScriptModels.load(file, false, ai.djl.Device.cpu())) {
            for (Pair<String, Parameter> p : m.getBlock().getParameters()) {
                out.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
        }
        return out;
    }
}
