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

    @Test
    void folderWithoutClassesIsAnError() throws IOException {
        Files.createDirectories(root);
        assertThatThrownBy(() -> new FolderReader().read(root))
                .hasMessageContaining("no class subfolders");
    }
}
