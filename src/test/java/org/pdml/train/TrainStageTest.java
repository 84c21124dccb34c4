package org.pdml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.config.ConfigLoader;
import org.pdml.config.ResolvedConfig;
import org.pdml.provenance.Seeds;
import org.pdml.testing.SyntheticExamples;

/** The training stage end to end on small synthetic shards (small CNN, 28 px crops, CPU). */
class TrainStageTest {
    @TempDir static Path examples;

    @BeforeAll
    static void writeExamples() throws IOException {
        SyntheticExamples.write(examples, 6, 3, 8, 32, 7L);
    }

    /**
     * The seeds a run of this config draws from (those {@code pdml train} builds).
     *
     * @param c a resolved config
     * @return the seeds of its root seed
     */
    static Seeds seedsOf(ResolvedConfig c) {
        return new Seeds(c.config().seed());
    }

    static ResolvedConfig config(String... overrides) {
        String yaml =
                String.join(
                        "\n",
                        "name: train-test",
                        "seed: 3",
                        "data: {dataset: folder, source: unused, output: unused}",
                        "model: {backbone: small-cnn, embedding_dim: 8, frozen_bn: false}",
                        "loss: {warm_start: class-means, samples: 3}",
                        "train:",
                        "  epochs: 2",
                        "  batch_size: 12",
                        "  samples_per_class: 2",
                        "  input_size: 28",
                        "  optimizer: {lr: 3.0e-3}",
                        "  num_workers: 2",
                        "  prefetch: 2",
                        "  augmentation: {resize: 32, center_crop: 28}",
                        "eval: {k_list: [1, 2], block_size: 64}",
                        "tracking: {mode: off}");
        return ConfigLoader.parse(yaml, "test.yaml", List.of(overrides));
    }

    /**
     * One training run, seeded from the config, printing nothing.
     *
     * @param c the config
     * @param examples the examples folder
     * @param out the run folder
     * @param resume whether to resume from the run folder's checkpoint
     * @param listener sees every epoch
     * @return the run's result
     * @throws IOException if data or checkpoints cannot be read or written
     */
    static TrainStage.TrainResult train(
            ResolvedConfig c, Path examples, Path out, boolean resume, TrainListener listener)
            throws IOException {
        return TrainStage.run(
                c, new Seeds(c.config().seed()), examples, out, resume, listener, quiet());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void trainsValidatesAndExportsTheModel(@TempDir Path out) throws IOException {
        EpochMetrics listener = new EpochMetrics();
        List<Map<String, Double>> epochs = listener.epochs();
        TrainStage.TrainResult result = train(config(), examples, out, false, listener);
        assertThat(result.state().epochsDone()).isEqualTo(2);
        assertThat(epochs).hasSize(2);
        assertThat(epochs.get(0)).containsKeys(Validation.RECALL_AT_1, Validation.MAP_AT_R);
        assertThat(epochs.get(1).get(Validation.MAP_AT_R)).isBetween(0.0, 1.0);
        assertThat(result.modelDir().resolve(ModelExport.CARD)).exists();
        assertThat(result.modelDir().resolve("embedder.pt")).exists();
        assertThat(out.resolve("checkpoints/latest/optimizer.bin")).exists();
    }

    @Test
    void crashAfterOneEpochThenResumeIsBitIdenticalToTwoStraightEpochs(@TempDir Path runs)
            throws IOException {
        Path straight = runs.resolve("straight");
        train(config(), examples, straight, false, TrainListener.NONE);
        Path resumed = runs.resolve("resumed");
        TrainListener crash =
                new TrainListener() {
                    @Override
                    public void onEpoch(int epoch, Map<String, Double> metrics) {
                        if (epoch == 2) {
                            throw new IllegalStateException("simulated crash in epoch 2");
                        }
                    }
                };
        assertThatThrownBy(() -> train(config(), examples, resumed, false, crash))
                .hasMessageContaining("simulated crash");
        train(config(), examples, resumed, true, TrainListener.NONE);
        assertThat(Files.readAllBytes(resumed.resolve("checkpoints/latest/params.bin")))
                .isEqualTo(Files.readAllBytes(straight.resolve("checkpoints/latest/params.bin")));
        assertThat(Files.readAllBytes(resumed.resolve("checkpoints/latest/optimizer.bin")))
                .isEqualTo(
                        Files.readAllBytes(straight.resolve("checkpoints/latest/optimizer.bin")));
    }

    @Test
    void aNonFiniteLossStopsTheRunNamingTheStep(@TempDir Path out) {
        assertThatThrownBy(
                        () ->
                                train(
                                        config("train.optimizer.lr=1.0e30"),
                                        examples,
                                        out,
                                        false,
                                        TrainListener.NONE))
                .isInstanceOf(NonFiniteLossException.class)
                .hasMessageContaining("at step");
    }

    @Test
    void zeroEpochsExportsTheInitialNetworkAsTheUntrainedBaseline(@TempDir Path out)
            throws IOException {
        ResolvedConfig zero = config("train.epochs=0");
        TrainStage.TrainResult result = train(zero, examples, out, false, TrainListener.NONE);
        assertThat(result.state().epochsDone()).isZero();
        assertThat(result.state().bestEpoch()).isZero();
        // Oracle: a fresh session with the same seed and warm start, never stepped.
        ByteArrayOutputStream initial = new ByteArrayOutputStream();
        TrainInputs inputs = TrainInputs.load(examples);
        try (TrainSession session =
                        new TrainSession(
                                zero.config(),
                                inputs,
                                new Seeds(zero.config().seed()),
                                ai.djl.Device.cpu(),
                                s -> Optional.empty());
                DataOutputStream params = new DataOutputStream(initial)) {
            WarmStart.apply(zero.config(), session, inputs);
            session.block().saveParameters(params);
        }
        assertThat(Files.readAllBytes(result.modelDir().resolve("params.bin")))
                .isEqualTo(initial.toByteArray());
        Path trained = out.resolve("trained");
        train(config(), examples, trained, false, TrainListener.NONE);
        assertThat(Files.readAllBytes(trained.resolve("model/params.bin")))
                .isNotEqualTo(initial.toByteArray());
    }
}
