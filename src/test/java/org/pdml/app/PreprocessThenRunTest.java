package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.preprocess.testing.SyntheticImages;

/**
 * The two commands of a scheduled retraining, as its Beam step and its GPU step run them
 * (pipelines/argo, pipelines/local/retrain.sh): {@code pdml preprocess --config} writes the
 * examples, then {@code pdml run} with the same config, overrides and runs root trains on them
 * without preprocessing again.
 */
class PreprocessThenRunTest {
    private static final String CONFIG = "configs/smoke/folder-tiny.yaml";

    @TempDir Path tmp;
    private String[] overrides;
    private Path examples;
    private Path runs;

    @BeforeEach
    void setUp() throws IOException {
        Path images = tmp.resolve("images");
        for (int c = 0; c < 8; c++) {
            Path dir = Files.createDirectories(images.resolve("class" + c));
            for (int i = 0; i < 4; i++) {
                Files.write(
                        dir.resolve(i + ".png"),
                        SyntheticImages.write(
                                SyntheticImages.filled(16, 16, 0x102030 * (c + 1) + 0x010101 * i),
                                "png"));
            }
        }
        examples = tmp.resolve("examples");
        runs = tmp.resolve("runs");
        overrides =
                new String[] {
                    "data.source=" + images, "data.output=" + examples, "runs_root=" + runs
                };
    }

    private Cli.Result pdml(String command, String... extra) {
        String[] head = {command, "--config", CONFIG};
        String[] args = new String[head.length + extra.length + overrides.length];
        System.arraycopy(head, 0, args, 0, head.length);
        System.arraycopy(extra, 0, args, head.length, extra.length);
        System.arraycopy(overrides, 0, args, head.length + extra.length, overrides.length);
        return Cli.ok(args);
    }

    @Test
    void runReusesTheExamplesThatPreprocessWrote() throws IOException {
        Cli.Result pre = pdml("preprocess", "--overwrite");
        byte[] manifest = Files.readAllBytes(examples.resolve("manifest.json"));

        Cli.Result run = pdml("run");
        assertThat(run.out())
                .contains("preprocess: reusing " + examples)
                .doesNotContain("preprocess: running")
                .contains("train: running");
        assertThat(Files.readAllBytes(examples.resolve("manifest.json"))).isEqualTo(manifest);
        assertThat(pre.out()).contains("preprocess: recorded " + examples);
    }

    @Test
    void otherDataSettingsDoNotReuseTheRecord() {
        pdml("preprocess", "--overwrite");
        String[] same = overrides;
        overrides = new String[same.length + 1];
        System.arraycopy(same, 0, overrides, 0, same.length);
        overrides[same.length] = "data.image_size=24";
        assertThat(pdml("run").out()).contains("preprocess: running");
    }

    @Test
    void aFailedPreprocessRecordsNothing() throws IOException {
        Files.createDirectories(examples.getParent());
        Files.writeString(examples, "a file where the examples folder should be");
        Cli.Result pre = Cli.run(concat("preprocess", "--config", CONFIG, "--overwrite"));
        assertThat(pre.status()).isNotZero();
        Files.createDirectories(runs);
        try (java.util.stream.Stream<Path> files = Files.walk(runs)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("no stage manifest under " + runs)
                    .doesNotContain("stage.json");
        }
    }

    private String[] concat(String... head) {
        String[] args = new String[head.length + overrides.length];
        System.arraycopy(head, 0, args, 0, head.length);
        System.arraycopy(overrides, 0, args, head.length, overrides.length);
        return args;
    }
}
