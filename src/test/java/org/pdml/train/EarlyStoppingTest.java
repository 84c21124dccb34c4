package org.pdml.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.config.ConfigLoader;
import org.pdml.config.ResolvedConfig;
import org.pdml.testing.SyntheticExamples;

/**
 * Early stopping on real training. The backbone and head get learning rate 0 and BatchNorm
 * statistics are frozen, so the embedding network, and hence every validation metric, is exactly
 * that of epoch 1, while the proxies keep learning. Epoch 1 is therefore the only improvement, the
 * run must stop after 1 + patience epochs, and the best checkpoint (epoch 1) must differ from the
 * latest one (its proxies moved) and be the one exported.
 */
class EarlyStoppingTest {
    private static final int PATIENCE = 2;

    @TempDir static Path examples;

    @BeforeAll
    static void writeExamples() throws IOException {
        SyntheticExamples.write(examples, 4, 3, 4, 20, 11L);
    }

    private static ResolvedConfig config() {
        String yaml =
                String.join(
                        "\n",
                        "name: early-stop-test",
                        "seed: 5",
                        "data: {dataset: folder, source: unused, output: unused}",
                        "model: {backbone: small-cnn, embedding_dim: 8, frozen_bn: true}",
                        "loss: {warm_start: none, samples: 2}",
                        "train:",
                        "  epochs: 10",
                        "  batch_size: 8",
                        "  samples_per_class: 2",
                        "  input_size: 16",
                        "  optimizer:",
                        "    lr: 1.0e-2",
                        "    lr_multipliers:",
                        "      {backbone: 0, head: 0, proxy: 1, kappa: 1, temperature: 1}",
                        "  early_stopping: {metric: map-at-r, patience: " + PATIENCE + "}",
                        "  num_workers: 1",
                        "  augmentation: {resize: 20, center_crop: 16}",
                        "eval: {k_list: [1], block_size: 64}",
                        "tracking: {mode: off}");
        return ConfigLoader.parse(yaml, "early-stop.yaml", List.of());
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndExportsTheBestCheckpoint(@TempDir Path out)
            throws IOException {
        EpochMetrics listener = new EpochMetrics();
        List<Map<String, Double>> epochs = listener.epochs();
        ResolvedConfig c = config();
        TrainStage.TrainResult result = TrainStageTest.train(c, examples, out, false, listener);

        assertThat(epochs).hasSize(1 + PATIENCE);
        assertThat(epochs)
                .extracting(m -> m.get(Validation.MAP_AT_R))
                .containsOnly(epochs.get(0).get(Validation.MAP_AT_R));
        assertThat(result.state().epochsDone()).isEqualTo(1 + PATIENCE);
        assertThat(result.state().bestEpoch()).isEqualTo(1);
        assertThat(result.state().staleEpochs()).isEqualTo(PATIENCE);

        CheckpointStore store = new CheckpointStore(out.resolve("checkpoints"));
        assertThat(store.state(TrainLoop.BEST).orElseThrow().epochsDone()).isEqualTo(1);
        assertThat(store.state(TrainLoop.LATEST).orElseThrow().epochsDone())
                .isEqualTo(1 + PATIENCE);
        byte[] best = params(store.dir(TrainLoop.BEST));
        assertThat(best).isNotEqualTo(params(store.dir(TrainLoop.LATEST)));
        assertThat(result.checkpoint()).isEqualTo(store.dir(TrainLoop.BEST));
        assertThat(params(result.modelDir())).isEqualTo(best);
    }

    private static byte[] params(Path dir) throws IOException {
        return Files.readAllBytes(dir.resolve(CheckpointStore.PARAMS));
    }
}
