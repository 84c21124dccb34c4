package org.pdml.preprocess.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SopReaderTest {
    @TempDir Path root;

    private static final String HEADER = "image_id class_id super_class_id path";

    private void fixture(List<String> train, List<String> test) throws IOException {
        for (String row : train) {
            FixtureFiles.image(root, row.split(" ")[3]);
        }
        for (String row : test) {
            FixtureFiles.image(root, row.split(" ")[3]);
        }
        FixtureFiles.lines(root.resolve("Ebay_train.txt"), concat(HEADER, train));
        FixtureFiles.lines(root.resolve("Ebay_test.txt"), concat(HEADER, test));
    }

    private static List<String> concat(String head, List<String> rows) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(head), rows.stream())
                .toList();
    }

    @Test
    void readsBothFilesWithUniqueIds() throws IOException {
        fixture(
                List.of(
                        "1 1 1 bicycle_final/111085122871_0.JPG",
                        "2 1 1 bicycle_final/111085122871_1.JPG",
                        "3 2 1 bicycle_final/111265328556_0.JPG"),
                List.of(
                        "1 11319 1 bicycle_final/111085122872_0.JPG",
                        "2 11320 2 cabinet_final/111085122873_0.JPG"));
        List<IndexEntry> index = new SopReader(false).read(root);
        assertThat(index)
                .extracting(IndexEntry::id)
                .containsExactly("train-1", "train-2", "train-3", "test-1", "test-2");
        assertThat(index).extracting(IndexEntry::label).containsExactly(0, 0, 1, 2, 3);
        assertThat(index.get(3))
                .isEqualTo(
                        new IndexEntry(
                                "test-1",
                                "bicycle_final/111085122872_0.JPG",
                                2,
                                "11319",
                                Split.TEST,
                                Role.ALL));
    }

    @Test
    void missingHeaderIsReported() throws IOException {
        FixtureFiles.lines(root.resolve("Ebay_train.txt"), List.of("1 1 1 a/b.JPG"));
        FixtureFiles.lines(root.resolve("Ebay_test.txt"), List.of(HEADER));
        assertThatThrownBy(() -> new SopReader(false).read(root))
                .hasMessageContaining("Ebay_train.txt:1")
                .hasMessageContaining("header");
    }

    @Test
    void malformedRowNamesFileAndLine() throws IOException {
        fixture(
                List.of("1 1 1 a_final/x.JPG"),
                List.of("1 5 1 b_final/y.JPG", "2 five 1 b_final/z.JPG"));
        assertThatThrownBy(() -> new SopReader(false).read(root))
                .hasMessageContaining("Ebay_test.txt:3")
                .hasMessageContaining("class_id");
    }

    @Test
    void classInBothFilesViolatesClassDisjointness() throws IOException {
        fixture(List.of("1 7 1 a_final/x.JPG"), List.of("1 7 1 a_final/y.JPG"));
        assertThatThrownBy(() -> new SopReader(false).read(root))
                .hasMessageContaining("Ebay_test.txt:2")
                .hasMessageContaining("class '7' is in test and in train");
    }

    @Test
    void duplicateIdIsReported() throws IOException {
        fixture(List.of("1 1 1 a_final/x.JPG", "1 2 1 a_final/y.JPG"), List.of());
        assertThatThrownBy(() -> new SopReader(false).read(root))
                .hasMessageContaining("Ebay_train.txt:3")
                .hasMessageContaining("duplicate id");
    }

    @Test
    void strictModeNamesTheCountMismatch() throws IOException {
        fixture(List.of("1 1 1 a_final/x.JPG"), List.of("1 2 1 a_final/y.JPG"));
        assertThatThrownBy(() -> new SopReader(true).read(root))
                .hasMessageContaining("train classes: index has 1, published 11318");
    }
}
