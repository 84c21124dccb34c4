package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.SplitInfo;
import org.pdml.preprocess.testing.SyntheticImages;

class PreprocessCommandTest {
    @TempDir Path tmp;

    @Test
    void preprocessesAnImageFolderWithAValidationCarve() throws Exception {
        Path root = tmp.resolve("data");
        for (int c = 0; c < 6; c++) {
            Path dir = Files.createDirectories(root.resolve("class" + c));
            for (int i = 0; i < 2; i++) {
                Files.write(
                        dir.resolve("img" + i + ".png"),
                        SyntheticImages.write(
                                SyntheticImages.filled(40, 30, 0x101010 * (c + i + 1)), "png"));
            }
        }
        Path out = tmp.resolve("examples");
        int code =
                Main.commandLine()
                        .execute(
                                "preprocess",
                                "--tracking",
                                "off",
                                "--dataset",
                                "folder",
                                "--source",
                                root.toString(),
                                "--output",
                                out.toString(),
                                "--image-size",
                                "24",
                                "--encoding",
                                "png",
                                "--num-shards",
                                "2",
                                "--val-fraction",
                                "0.34",
                                "--seed",
                                "7");
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

        int again =
                Main.commandLine()
                        .execute(
                                "preprocess",
                                "--tracking",
                                "off",
                                "--dataset",
                                "folder",
                                "--source",
                                root.toString(),
                                "--output",
                                out.toString());
        assertThat(again).as("non-empty output without --overwrite").isNotZero();
    }
}
