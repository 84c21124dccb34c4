package org.pdml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.extensions.gcp.options.GcsOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.config.ConfigLoader;
import org.pdml.config.DataConfig;
import org.pdml.config.PdmlConfig;
import org.pdml.preprocess.datasets.EmojiVendor;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Split;
import org.pdml.preprocess.testing.SyntheticImages;
import org.pdml.provenance.Seeds;

/** The request of a config's data section, and what {@link Preprocessor} makes of it. */
class PreprocessRequestTest {
    private static PdmlConfig quickstart(String... overrides) {
        return ConfigLoader.load(Path.of("configs", "quickstart.yaml"), List.of(overrides))
                .config();
    }

    private static PreprocessRequest request(String... overrides) {
        PdmlConfig c = quickstart(overrides);
        return PreprocessRequest.of(c.data(), c.seed());
    }

    @Test
    void theConfigsTypedValuesReachTheRequestUnconverted() {
        PreprocessRequest r = request("data.encoding=jpeg", "data.runner=flink");
        assertThat(r.dataset()).isEqualTo(DataConfig.DatasetKind.EMOJI_VENDORS);
        assertThat(r.images().encoding()).isEqualTo(DataConfig.ImageEncoding.JPEG);
        assertThat(r.runner()).isEqualTo(DataConfig.Runner.FLINK);
        assertThat(r.emoji().vendors())
                .containsExactly(EmojiVendor.GOOGLE, EmojiVendor.TWITTER, EmojiVendor.GEMOJIONE);
        assertThat(r.kanji()).isNull();
        assertThat(r.strictCounts()).isTrue();
        assertThat(r.overwrite()).isFalse();
    }

    @Test
    void dataBeamOptionsReachThePreprocessStagesPipelineOptions() {
        PreprocessOptions plain = Preprocessor.pipelineOptions(request());
        assertThat(plain.as(DirectOptions.class).getTargetParallelism())
                .isEqualTo(Runtime.getRuntime().availableProcessors());

        PreprocessRequest tuned =
                request(
                        "data.beam=[--targetParallelism=3,"
                                + "--gcsEndpoint=http://127.0.0.1:4443/storage/v1/]");
        PreprocessOptions options = Preprocessor.pipelineOptions(tuned);
        assertThat(options.as(DirectOptions.class).getTargetParallelism()).isEqualTo(3);
        assertThat(options.as(GcsOptions.class).getGcsEndpoint())
                .isEqualTo("http://127.0.0.1:4443/storage/v1/");
        assertThat(tuned.params()).containsEntry("data.beam", String.join(" ", tuned.beam()));
    }

    @Test
    void minInstancesAndEmojiBackgroundReachTheRequest() {
        PreprocessRequest r =
                request("data.min_instances_per_class=3", "data.emoji.background=#123456");
        assertThat(r.catalogRequest().minInstancesPerClass()).isEqualTo(3);
        assertThat(r.images().background()).isEqualTo("#123456");
        assertThat(r.params())
                .containsEntry("data.min_instances_per_class", "3")
                .containsEntry("data.emoji.background", "#123456");
    }

    @Test
    void datasetSpecificSettingsMustMatchTheDataset() {
        PreprocessRequest emoji = request();
        assertThatThrownBy(
                        () ->
                                new PreprocessRequest(
                                        DataConfig.DatasetKind.FOLDER,
                                        null,
                                        "out",
                                        emoji.images(),
                                        1,
                                        0,
                                        0,
                                        DataConfig.Runner.DIRECT,
                                        List.of(),
                                        0,
                                        1,
                                        emoji.emoji(),
                                        null,
                                        true,
                                        false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataset folder");
    }

    /**
     * The validation carve of {@code pdml run} draws from the {@code data.split} stream of the root
     * seed: the classes it moves are the first of the sorted training labels shuffled, as {@link
     * org.pdml.preprocess.index.ValidationSplitter} specifies, by {@code java.util.Random(new
     * Seeds(root).seed(DATA_SPLIT))}, for each root; so a new root seed moves the split
     * deterministically.
     */
    @Test
    void theValidationCarveDrawsFromTheDataSplitStream(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("images");
        for (int c = 0; c < 40; c++) {
            Path dir = Files.createDirectories(root.resolve(String.format("c%02d", c)));
            for (int i = 0; i < 3; i++) {
                BufferedImage image = SyntheticImages.filled(8, 8, 0x010101 * (3 * c + i));
                Files.write(dir.resolve(i + ".png"), SyntheticImages.write(image, "png"));
            }
        }
        String folder = "data.dataset=folder";
        String source = "data.source=" + root;
        Set<Integer> train = labels(prepare(folder, source, "data.val_fraction=0"), Split.TRAIN);
        List<Set<Integer>> carves = new ArrayList<>();
        for (long seed = 0; seed < 3; seed++) {
            Set<Integer> val =
                    labels(
                            prepare(folder, source, "data.val_fraction=0.25", "seed=" + seed),
                            Split.VAL);
            List<Integer> order = new ArrayList<>(train);
            Collections.shuffle(order, new Random(new Seeds(seed).seed(Seeds.Purpose.DATA_SPLIT)));
            int k = (int) Math.round(0.25 * order.size());
            assertThat(val).as("seed %d", seed).isEqualTo(new TreeSet<>(order.subList(0, k)));
            carves.add(val);
        }
        assertThat(Set.copyOf(carves)).hasSize(3);
    }

    private static PreparedDataset prepare(String... overrides) throws IOException {
        return Preprocessor.prepare(request(overrides), line -> {});
    }

    private static Set<Integer> labels(PreparedDataset d, Split split) {
        Set<Integer> out = new TreeSet<>();
        for (IndexEntry e : d.entries()) {
            if (e.split() == split) {
                out.add(e.label());
            }
        }
        return out;
    }
}
