package org.pdml.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.proto.EvalReport;
import org.pdml.config.ConfigLoader;
import org.pdml.config.PdmlConfig;
import org.pdml.config.ResolvedConfig;
import org.pdml.eval.EvaluateStage;
import org.pdml.preprocess.PreparedDataset;
import org.pdml.preprocess.PreprocessSummary;
import org.pdml.preprocess.datasets.EmojiVendors;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Split;
import org.pdml.preprocess.testing.StrictPngRun;
import org.pdml.provenance.Seeds;

/**
 * The training stage can fit real data: 20 training classes of Emoji-Vendors spread over the code
 * points (google and twitter art, 40 images, fetched with npm pack into .cache/datasets)
 * preprocessed at 32 px by the Beam pipeline, a small CNN from scratch. The EL-nivMF loss must fall
 * by at least half and the exported model must retrieve the other vendor's drawing of the same
 * emoji first (training-set R@1 ≥ 0.9, measured by {@code pdml evaluate}'s code on {@code
 * embedder.pt}).
 */
class EmojiOverfitIT {
    private static final Path CACHE = Path.of(".cache", "datasets");
    private static final int CLASSES = 20;
    private static final int WINDOW = 5;

    @TempDir Path tmp;

    @Test
    void smallCnnOverfitsTwentyEmojiClasses() throws Exception {
        Path examples = preprocess(tmp.resolve("examples"));
        ResolvedConfig resolved = config();
        List<Double> losses = new ArrayList<>();
        TrainListener record =
                new TrainListener() {
                    @Override
                    public void onStep(long step, double loss, Map<String, Double> lrs) {
                        losses.add(loss);
                    }
                };
        TrainStage.TrainResult result =
                TrainStage.run(
                        resolved,
                        new Seeds(resolved.config().seed()),
                        examples,
                        tmp.resolve("run"),
                        false,
                        record,
                        quiet());

        assertThat(losses).hasSize(resolved.config().train().epochs());
        double first = mean(losses.subList(0, WINDOW));
        double last = mean(losses.subList(losses.size() - WINDOW, losses.size()));
        assertThat(first).isPositive();

        PdmlConfig c = resolved.config();
        EvalReport report =
                EvaluateStage.run(
                        result.modelDir(),
                        examples,
                        "train",
                        c.eval(),
                        new Seeds(c.seed()),
                        tmp.resolve("e"),
                        ai.djl.Device.cpu());
        System.out.printf(
                "emoji overfit: loss %.4f -> %.4f, training R@1 %.3f%n",
                first, last, report.getMetricsMap().get("recall@1"));
        assertThat(report.getCounts().getQueries()).isEqualTo(2 * CLASSES);
        assertThat(last).as("mean loss of the last %d steps", WINDOW).isLessThan(0.5 * first);
        assertThat(report.getMetricsMap().get("recall@1")).isGreaterThanOrEqualTo(0.9);
    }

    /**
     * Every k-th training class, k = ⌊classes/20⌋: the first classes in code-point order are
     * keycaps (#, *, 0–9), which are nearly indistinguishable at 32 px.
     */
    private static Path preprocess(Path out) throws Exception {
        PreparedDataset all =
                EmojiVendors.build(
                        CACHE,
                        new EmojiVendors.Config(EmojiVendors.Config.defaultVendors(), 0, false),
                        x -> {});
        List<IndexEntry> train =
                all.entries().stream().filter(e -> e.split() == Split.TRAIN).toList();
        int stride = (int) train.stream().mapToInt(IndexEntry::label).distinct().count() / CLASSES;
        List<IndexEntry> kept =
                train.stream()
                        .filter(e -> e.label() % stride == 0 && e.label() / stride < CLASSES)
                        .toList();
        PreparedDataset ds =
                new PreparedDataset(
                        all.name(),
                        all.root(),
                        kept,
                        PreparedDataset.classesOf(kept),
                        all.sources());
        assertThat(ds.classes()).hasSize(CLASSES);
        PreprocessSummary s = StrictPngRun.run(ds, out, 32, 1);
        assertThat(s.records()).isEqualTo(2 * CLASSES);
        return out;
    }

    /**
     * One batch of all 40 images per epoch (m = 2 per class), no augmentation. A large head init
     * (‖z‖ = κ ≈ 100) keeps the loss's vMF samples close to z; a moderate temperature (0.05).
     */
    private static ResolvedConfig config() {
        String yaml =
                String.join(
                        "\n",
                        "name: emoji-overfit",
                        "seed: 1",
                        "data: {dataset: emoji-vendors, source: unused, output: unused}",
                        "model: {backbone: small-cnn, embedding_dim: 64, frozen_bn: false, init_norm: 30}",
                        "loss: {warm_start: none, samples: 5, kappa_init: 10, temperature: {init: 0.05}}",
                        "train:",
                        "  epochs: 120",
                        "  batch_size: 40",
                        "  samples_per_class: 2",
                        "  input_size: 32",
                        "  optimizer:",
                        "    lr: 1.0e-2",
                        "    weight_decay: 0",
                        "    lr_multipliers:",
                        "      {backbone: 1, head: 1, proxy: 10, kappa: 10, temperature: 1}",
                        "  checkpoint_every: 200",
                        "  num_workers: 2",
                        "  augmentation:",
                        "    random_resized_crop: {scale: [1.0, 1.0], ratio: [1.0, 1.0]}",
                        "    flip_prob: 0",
                        "    resize: 32",
                        "    center_crop: 32",
                        "eval: {k_list: [1], block_size: 64}",
                        "tracking: {mode: off}");
        return ConfigLoader.parse(yaml, "emoji-overfit.yaml", List.of());
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
