package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.SplitInfo;
import org.pdml.data.SplitImages;
import org.pdml.preprocess.testing.SyntheticImages;
import org.pdml.records.ImageRecord;

class PreprocessCommandTest {
    @TempDir Path tmp;

    @Test
    void preprocessesAnImageFolderWithAValidationCarve() throws Exception {
        Path root = writeFolder(new int[] {2, 2, 2, 2, 2, 2});
        Path out = tmp.resolve("examples");
        int code =
                preprocess(root, out, "--num-shards", "2", "--val-fraction", "0.34", "--seed", "7");
        assertThat(code).isZero();
        ExamplesManifest m = ExamplesArtifact.at(out).read();
        // 6 classes: 3 train, of which round(0.34 * 3) = 1 is carved into val; 3 test.
        assertThat(m.getSplitsList())
                .extracting(SplitInfo::getName)
                .containsExactly("train", "val", "test");
        assertThat(m.getSplitsList())
                .extracting(SplitInfo::getClassCount)
                .containsExactly(2L, 1L, 3L);
        assertThat(m.getParams().getImageSize()).isEqualTo(24);
        assertThat(m.getRejectedCount()).isZero();

        int again = preprocess(root, out);
        assertThat(again).as("non-empty output without --overwrite").isNotZero();
    }

    /**
     * An output under a file fails before the index is read: the source does not even exist, and
     * the error is the output's, naming the file that blocks it; nothing is created.
     */
    @Test
    void anUnwritableOutputFailsBeforeTheIndexIsRead() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Cli.Result r =
                Cli.run(
                        "preprocess",
                        "--tracking",
                        "off",
                        "--dataset",
                        "folder",
                        "--source",
                        tmp.resolve("no-such-source").toString(),
                        "--output",
                        file.resolve("examples").toString());
        assertThat(r.status()).isNotZero();
        assertThat(r.err())
                .contains("--output " + file.resolve("examples") + ": " + file + " is a file")
                .doesNotContain("no-such-source");
        assertThat(tmp.resolve(".examples.pdml-partial")).doesNotExist();
    }

    /**
     * Classes a, b, c, d (a, b train; c, d test): c has one image and is dropped by {@code
     * --min-instances-per-class 2} (so test keeps one class); b/t.png is transparent on its left
     * half and comes out red on {@code --background #FF0000}.
     */
    @Test
    void minInstancesDropsSmallClassesAndTransparencyTakesTheBackground() throws Exception {
        Path root = writeFolder(new int[] {2, 2, 1, 2});
        BufferedImage halfTransparent = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 20; x < 40; x++) {
                halfTransparent.setRGB(x, y, 0xFF00FF00);
            }
        }
        Files.write(root.resolve("b/t.png"), SyntheticImages.write(halfTransparent, "png"));
        Path out = tmp.resolve("examples");
        int code =
                preprocess(
                        root,
                        out,
                        "--num-shards",
                        "1",
                        "--min-instances-per-class",
                        "2",
                        "--background",
                        "#FF0000");
        assertThat(code).isZero();
        ExamplesManifest m = ExamplesArtifact.at(out).read();
        assertThat(m.getSplitsList()).extracting(SplitInfo::getClassCount).containsExactly(2L, 1L);
        SplitImages train = SplitImages.load(out, "train");
        for (int i = 0; i < train.size(); i++) {
            ImageRecord r = train.get(i);
            if (r.id().equals("b/t.png")) {
                BufferedImage img =
                        ImageIO.read(new ByteArrayInputStream(r.encoded().toByteArray()));
                assertThat(img.getRGB(1, img.getHeight() / 2) & 0xFFFFFF).isEqualTo(0xFF0000);
                assertThat(img.getRGB(img.getWidth() - 2, 1) & 0xFFFFFF).isEqualTo(0x00FF00);
                return;
            }
        }
        throw new AssertionError("b/t.png is not among the train examples");
    }

    /** Class folders a, b, … under tmp/data with sizes[c] distinct grey PNGs each. */
    private Path writeFolder(int[] sizes) throws IOException {
        Path root = tmp.resolve("data");
        for (int c = 0; c < sizes.length; c++) {
            Path dir = Files.createDirectories(root.resolve(String.valueOf((char) ('a' + c))));
            for (int i = 0; i < sizes[c]; i++) {
                BufferedImage img = SyntheticImages.filled(40, 30, 0x101010 * (c + i + 1));
                Files.write(dir.resolve("img" + i + ".png"), SyntheticImages.write(img, "png"));
            }
        }
        return root;
    }

    /** pdml preprocess of a folder into 24-pixel PNG examples, with further flags. */
    private static int preprocess(Path root, Path out, String... flags) {
        List<String> args = new ArrayList<>();
        args.addAll(List.of("preprocess", "--tracking", "off", "--dataset", "folder"));
        args.addAll(List.of("--source", root.toString(), "--output", out.toString()));
        args.addAll(List.of("--image-size", "24", "--encoding", "png"));
        args.addAll(List.of(flags));
        return Cli.run(args.toArray(String[]::new)).status();
    }
}
