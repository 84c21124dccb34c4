package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.pipeline.CodeIdentity;
import org.pdml.pipeline.CodeIdentityTest;
import org.pdml.preprocess.testing.SyntheticImages;
import picocli.CommandLine;

/**
 * {@code pdml fingerprint} and {@code pdml preprocess --config} on the shipped folder smoke config:
 * the printed fingerprint is the one the real pipeline records in the manifest, it is stable, and
 * it changes when the source index changes; with {@code --index} it is the manifest's index
 * fingerprint, without it the pipeline fingerprint that scheduled retraining compares.
 */
class FingerprintCommandTest {
    private static final String CONFIG = "configs/smoke/folder-tiny.yaml";

    private static Cli.Result pdml(String... args) {
        return Cli.run(args);
    }

    private static void writeImage(Path root, int c, int i) throws IOException {
        Path dir = Files.createDirectories(root.resolve("class" + c));
        Files.write(
                dir.resolve("img" + i + ".png"),
                SyntheticImages.write(
                        SyntheticImages.filled(20, 20, 0x0F0F0F * (c + i + 1)), "png"));
    }

    @Test
    void printsTheManifestIndexFingerprintAndFollowsTheIndex(@TempDir Path tmp) throws Exception {
        Path images = tmp.resolve("images");
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 2; i++) {
                writeImage(images, c, i);
            }
        }
        String source = "data.source=" + images;
        Cli.Result first = pdml("fingerprint", "--index", "--config", CONFIG, source);
        assertThat(first.status()).as(first.err()).isZero();
        String fp = first.out().strip();
        assertThat(fp).matches("[0-9a-f]{64}");
        assertThat(pdml("fingerprint", "--index", "--config", CONFIG, source).out().strip())
                .as("same index, same fingerprint")
                .isEqualTo(fp);

        Path examples = tmp.resolve("examples");
        // Where preprocess records its examples for pdml run; not the working directory's runs/.
        String runs = "runs_root=" + tmp.resolve("runs");
        Cli.Result pre =
                pdml("preprocess", "--config", CONFIG, source, "data.output=" + examples, runs);
        assertThat(pre.status()).as(pre.err()).isZero();
        assertThat(ExamplesArtifact.at(examples).read().getIndexFingerprint())
                .as("the fingerprint recorded by the real pipeline")
                .isEqualTo(fp);

        writeImage(images, 3, 2);
        String changed = pdml("fingerprint", "--index", "--config", CONFIG, source).out().strip();
        assertThat(changed).as("one more image").matches("[0-9a-f]{64}").isNotEqualTo(fp);
        String output = "data.output=" + examples;
        assertThat(pdml("preprocess", "--config", CONFIG, source, output, runs).status())
                .as("non-empty output without --overwrite")
                .isNotZero();
        Cli.Result again =
                pdml("preprocess", "--config", CONFIG, "--overwrite", source, output, runs);
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(ExamplesArtifact.at(examples).read().getIndexFingerprint()).isEqualTo(changed);
    }

    /**
     * The retraining skip's fingerprint (issue 18): unchanged without a change and for settings no
     * stage reads; changed by each of the four triggers. Image bytes are checked at the level of
     * {@link org.pdml.preprocess.SourceStamp} (size and modification time), so a same-size rewrite
     * in place counts.
     */
    @Test
    void thePipelineFingerprintSeesBytesNewImagesConfigAndBuild(@TempDir Path tmp)
            throws Exception {
        Path images = tmp.resolve("images");
        for (int c = 0; c < 4; c++) {
            writeImage(images, c, 0);
            writeImage(images, c, 1);
        }
        String source = "data.source=" + images;
        String fp = fingerprint(null, source);
        assertThat(fp).matches("[0-9a-f]{64}").isEqualTo(fingerprint(null, source));
        assertThat(fingerprint(null, source, "name=renamed", "tracking.mode=on"))
                .as("settings no stage reads")
                .isEqualTo(fp);

        Path image = images.resolve("class2/img0.png");
        byte[] bytes = Files.readAllBytes(image);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(image, bytes);
        String rewritten = fingerprint(null, source);
        assertThat(rewritten).as("same-size rewrite in place").isNotEqualTo(fp);

        writeImage(images, 1, 2);
        String grown = fingerprint(null, source);
        assertThat(grown).as("a new image").isNotEqualTo(rewritten);

        assertThat(fingerprint(null, source, "train.epochs=2")).as("train").isNotEqualTo(grown);
        assertThat(fingerprint(null, source, "eval.block_size=32")).as("eval").isNotEqualTo(grown);
        assertThat(fingerprint(null, source, "data.num_shards=2")).isNotEqualTo(grown);

        Path classes = CodeIdentityTest.runningClasses();
        CodeIdentity before = CodeIdentityTest.build(classes, tmp.resolve("a"), null);
        CodeIdentity after =
                CodeIdentityTest.build(classes, tmp.resolve("b"), CodeIdentityTest.LOSS_CLASS);
        assertThat(fingerprint(after, source))
                .as("a pdml build with a changed loss")
                .isNotEqualTo(fingerprint(before, source));
    }

    /** {@code pdml fingerprint --config CONFIG ARGS} as {@code code} (null: this build) runs it. */
    private static String fingerprint(CodeIdentity code, String... args) {
        List<String> all = new ArrayList<>(List.of("--config", CONFIG));
        all.addAll(List.of(args));
        Cli.Result r = Cli.runCommand(new FingerprintCommand(code), all.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        return r.out().strip();
    }

    @Test
    void badConfigsAndMissingOptionsFailClearly(@TempDir Path tmp) {
        Cli.Result unknown = pdml("fingerprint", "--config", CONFIG, "data.nope=1");
        assertThat(unknown.status()).isEqualTo(ConfigCommand.INVALID_CONFIG);
        assertThat(unknown.err()).contains("data.nope");

        Cli.Result neither = pdml("preprocess", "--source", tmp.toString());
        assertThat(neither.status()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(neither.err()).contains("--config").contains("--dataset");

        Cli.Result mixed = pdml("preprocess", "--config", CONFIG, "--image-size", "64");
        assertThat(mixed.status()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(mixed.err()).contains("data.image_size").contains("--image-size");

        Cli.Result stray =
                pdml("preprocess", "--dataset", "folder", "--output", "x", "train.epochs=2");
        assertThat(stray.status()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(stray.err()).contains("need --config");
    }
}
