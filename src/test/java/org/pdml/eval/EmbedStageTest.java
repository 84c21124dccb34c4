package org.pdml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.NpyArray;
import org.pdml.config.ConfigLoader;
import org.pdml.config.PdmlConfig;
import org.pdml.data.SplitImages;
import org.pdml.model.EmbeddingModel;
import org.pdml.model.VmfProxies;
import org.pdml.provenance.Seeds;
import org.pdml.testing.SyntheticExamples;
import org.pdml.train.Networks;
import org.pdml.train.TrainListener;
import org.pdml.train.TrainStage;
import org.pdml.train.TrainingBlock;

/**
 * {@code pdml embed} against the model's own forward pass: a model trained for one epoch is
 * exported; its TorchScript embedder runs over a folder of PNGs through {@code pdml embed}, and the
 * DJL network rebuilt from the exported {@code params.bin} runs over the same pixels, normalised by
 * hand (16 px images, resize = crop = 16, so the evaluation transform is normalisation only).
 */
class EmbedStageTest {
    private static final ai.djl.Device CPU = ai.djl.Device.cpu();

    private static final int SIDE = 16;
    private static final double[] MEAN = {0.485, 0.456, 0.406};
    private static final double[] STD = {0.229, 0.224, 0.225};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;
    static Path examples;
    static Path model;
    static PdmlConfig config;

    @BeforeAll
    static void trainAModel() throws IOException {
        examples = dir.resolve("examples");
        SyntheticExamples.write(examples, 3, 2, 4, SIDE, 9L);
        String yaml =
                String.join(
                        "\n",
                        "name: embed-test",
                        "seed: 4",
                        "data: {dataset: folder, source: unused, output: unused}",
                        "model: {backbone: small-cnn, embedding_dim: 5, frozen_bn: false}",
                        "loss: {warm_start: none, samples: 2}",
                        "train:",
                        "  epochs: 1",
                        "  batch_size: 6",
                        "  samples_per_class: 2",
                        "  input_size: " + SIDE,
                        "  num_workers: 1",
                        "  augmentation: {resize: " + SIDE + ", center_crop: " + SIDE + "}",
                        "eval: {k_list: [1], block_size: 64}",
                        "tracking: {mode: off}");
        var resolved = ConfigLoader.parse(yaml, "embed-test.yaml", List.of());
        config = resolved.config();
        PrintStream quiet =
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        model =
                TrainStage.run(
                                resolved,
                                new Seeds(resolved.config().seed()),
                                examples,
                                dir.resolve("run"),
                                false,
                                TrainListener.NONE,
                                quiet)
                        .modelDir();
    }

    @Test
    void jsonlOfAnImageFolderMatchesTheNetworksForwardPass() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images/sub"));
        List<BufferedImage> pictures = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 5; i++) {
            BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    img.setRGB(x, y, rng.nextInt(1 << 24));
                }
            }
            pictures.add(img);
            Path where = i < 3 ? images.getParent() : images;
            ImageIO.write(img, "png", where.resolve("img" + i + ".png").toFile());
        }
        Files.writeString(images.resolve("notes.txt"), "not an image");
        Path out = dir.resolve("out/z.jsonl");

        assertThat(EmbedStage.run(model, images.getParent(), EmbedFormat.JSONL, out, CPU))
                .isEqualTo(5);

        float[][] expected = forward(pictures);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(5);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JsonNode row = JSON.readTree(lines.get(i));
            ids.add(row.get("id").asText());
            assertThat(row.has("label")).isFalse();
            double norm = 0;
            for (int j = 0; j < 5; j++) {
                double z = row.get("embedding").get(j).asDouble();
                assertThat(z).isCloseTo(expected[i][j], within(1e-5));
                norm += (double) expected[i][j] * expected[i][j];
            }
            norm = Math.sqrt(norm);
            assertThat(row.get("kappa").asDouble()).isCloseTo(norm, within(1e-5 * (1 + norm)));
            for (int j = 0; j < 5; j++) {
                assertThat(row.get("direction").get(j).asDouble())
                        .isCloseTo(expected[i][j] / norm, within(1e-5));
            }
        }
        assertThat(ids)
                .containsExactly(
                        "img0.png", "img1.png", "img2.png", "sub/img3.png", "sub/img4.png");
    }

    @Test
    void npyOfAnExamplesFolderHasEveryRecordOfEverySplit() throws IOException {
        Path out = dir.resolve("npy");
        int n = EmbedStage.run(model, examples, EmbedFormat.NPY, out, CPU);

        SplitImages train = SplitImages.load(examples, "train");
        SplitImages val = SplitImages.load(examples, "val");
        assertThat(n).isEqualTo(train.size() + val.size());
        List<String> ids = new ArrayList<>();
        for (SplitImages s : List.of(train, val)) {
            for (int i = 0; i < s.size(); i++) {
                ids.add(s.get(i).id());
            }
        }
        assertThat(Files.readAllLines(out.resolve(EmbeddingOutput.IDS))).isEqualTo(ids);
        NpyArray z = NpyArray.read(out.resolve(EmbeddingOutput.EMBEDDINGS));
        NpyArray mu = NpyArray.read(out.resolve(EmbeddingOutput.DIRECTIONS));
        NpyArray kappa = NpyArray.read(out.resolve(EmbeddingOutput.KAPPA));
        assertThat(z.shape()).containsExactly((long) n, 5L);
        assertThat(mu.shape()).containsExactly((long) n, 5L);
        assertThat(kappa.shape()).containsExactly((long) n);
        float[] zs = z.toFloats();
        float[] mus = mu.toFloats();
        float[] ks = kappa.toFloats();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 5; j++) {
                assertThat(mus[i * 5 + j] * ks[i]).isCloseTo(zs[i * 5 + j], within(1e-5f));
            }
        }
    }

    @Test
    void aFolderWithoutImagesIsRejectedNamingIt() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(
                        () ->
                                EmbedStage.run(
                                        model, empty, EmbedFormat.JSONL, dir.resolve("x"), CPU))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(empty.toString());
        assertThatThrownBy(
                        () ->
                                EmbedStage.run(
                                        empty, examples, EmbedFormat.JSONL, dir.resolve("x"), CPU))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("config.yaml");
    }

    /** z of each picture by the DJL network with the exported parameters. */
    private static float[][] forward(List<BufferedImage> pictures) throws Exception {
        TrainingBlock block =
                new TrainingBlock(
                        Networks.build(config.model()),
                        new VmfProxies(3, 5, (float) config.loss().kappaInit(), 1f));
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, new Shape(1, 3, SIDE, SIDE));
            try (InputStream in = Files.newInputStream(model.resolve("params.bin"))) {
                block.loadParameters(m, new DataInputStream(in));
            }
            EmbeddingModel net = block.embedder();
            float[][] out = new float[pictures.size()][];
            for (int i = 0; i < pictures.size(); i++) {
                NDArray x = m.create(normalised(pictures.get(i)), new Shape(1, 3, SIDE, SIDE));
                out[i] =
                        net.forward(new ParameterStore(m, false), new NDList(x), false)
                                .singletonOrThrow()
                                .toFloatArray();
            }
            return out;
        }
    }

    private static float[] normalised(BufferedImage img) {
        float[] chw = new float[3 * SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int rgb = img.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    double v = ((rgb >> (16 - 8 * c)) & 0xff) / 255.0;
                    chw[c * SIDE * SIDE + y * SIDE + x] = (float) ((v - MEAN[c]) / STD[c]);
                }
            }
        }
        return chw;
    }
}
