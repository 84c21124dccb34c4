package org.pdml.preprocess.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderReaderTest {
    @TempDir Path root;

    @Test
    void oneSubfolderPerClassFirstHalfTrains() throws IOException {
        for (String cls : List.of("zebra", "ant", "cat", "bee", "dog")) {
            FixtureFiles.image(root, cls + "/1.jpg");
            FixtureFiles.image(root, cls + "/0.png");
        }
        FixtureFiles.image(root, "ant/.hidden.jpg");
        FixtureFiles.image(root, "README.jpg");
        List<IndexEntry> index = new FolderReader().read(root);
        // Sorted classes: ant bee cat dog zebra; floor(5/2) = 2 train classes.
        assertThat(index).hasSize(10);
        assertThat(index.get(0))
                .isEqualTo(
                        new IndexEntry("ant/0.png", "ant/0.png", 0, "ant", Split.TRAIN, Role.ALL));
        assertThat(index)
                .filteredOn(e -> e.split() == Split.TRAIN)
                .extracting(IndexEntry::className)
                .containsExactly("ant", "ant", "bee", "bee");
        assertThat(index.get(9).className()).isEqualTo("zebra");
        assertThat(index.get(9).label()).isEqualTo(4);
    }

    /**
     * Links (dangling too) and special files in a class folder are entries, so that preprocessing
     * rejects each with its reason rather than dropping it unseen; folders, linked or not, are not.
     */
    @Test
    void linksAndSpecialFilesAreEntriesFoldersAreNot() throws Exception {
        FixtureFiles.image(root, "ant/0.png");
        FixtureFiles.image(root, "bee/0.png");
        Files.createSymbolicLink(root.resolve("ant/dangling.png"), root.resolve("ant/nowhere"));
        Files.createSymbolicLink(root.resolve("ant/link.png"), Path.of("0.png"));
        Files.createDirectories(root.resolve("ant/nested"));
        Files.createSymbolicLink(root.resolve("ant/linked-folder"), root.resolve("bee"));
        Process fifo =
                new ProcessBuilder("mkfifo", root.resolve("ant/fifo.png").toString()).start();
        assertThat(fifo.waitFor()).isZero();
        assertThat(new FolderReader().read(root))
                .extracting(IndexEntry::path)
                .containsExactly(
                        "ant/0.png",
                        "ant/dangling.png",
                        "ant/fifo.png",
                        "ant/link.png",
                        "bee/0.png");
    }

    @Test
    void folderWithoutClassesIsAnError() throws IOException {
        Files.createDirectories(root);
        assertThatThrownBy(() -> new FolderReader().read(root))
                .hasMessageContaining("no class subfolders");
    }
}
