package org.pdml.preprocess.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cub200ReaderTest {
    @TempDir Path root;

    /** Classes 1, 2, 100 (train) and 101, 200 (test); two images each except class 100. */
    private void fixture(List<String> extraImages, List<String> extraLabels) throws IOException {
        List<String> classes = new ArrayList<>();
        for (int c = 1; c <= 200; c++) {
            classes.add(c + " " + String.format("%03d.Class_%d", c, c));
        }
        FixtureFiles.lines(root.resolve("classes.txt"), classes);
        List<String> images = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> split = new ArrayList<>();
        int id = 1;
        for (int c : new int[] {1, 2, 100, 101, 200}) {
            for (int k = 0; k < (c == 100 ? 1 : 2); k++, id++) {
                String rel = String.format("%03d.Class_%d/Class_%d_%04d.jpg", c, c, c, id);
                FixtureFiles.image(root, "images/" + rel);
                images.add(id + " " + rel);
                labels.add(id + " " + c);
                split.add(id + " " + (id % 2)); // image-level split that must be ignored
            }
        }
        images.addAll(extraImages);
        labels.addAll(extraLabels);
        FixtureFiles.lines(root.resolve("images.txt"), images);
        FixtureFiles.lines(root.resolve("image_class_labels.txt"), labels);
        FixtureFiles.lines(root.resolve("train_test_split.txt"), split);
    }

    @Test
    void readsClassRangeSplitsWithDenseLabels() throws IOException {
        fixture(List.of(), List.of());
        List<IndexEntry> index = new Cub200Reader(false).read(root);
        assertThat(index).hasSize(9);
        assertThat(index.get(0))
                .isEqualTo(
                        new IndexEntry(
                                "1",
                                "images/001.Class_1/Class_1_0001.jpg",
                                0,
                                "001.Class_1",
                                Split.TRAIN,
                                Role.ALL));
        // Sorted original ids 1, 2, 100, 101, 200 -> dense 0..4; 1-100 train, 101-200 test.
        assertThat(index).extracting(IndexEntry::label).containsExactly(0, 0, 1, 1, 2, 3, 3, 4, 4);
        assertThat(index)
                .extracting(IndexEntry::split)
                .containsExactly(
                        Split.TRAIN,
                        Split.TRAIN,
                        Split.TRAIN,
                        Split.TRAIN,
                        Split.TRAIN,
                        Split.TEST,
                        Split.TEST,
                        Split.TEST,
                        Split.TEST);
        assertThat(index.get(4).className()).isEqualTo("100.Class_100");
    }

    @Test
    void malformedLineNamesFileAndLine() throws IOException {
        fixture(List.of("10 two fields_too_many extra"), List.of("10 1"));
        assertThatThrownBy(() -> new Cub200Reader(false).read(root))
                .isInstanceOf(MalformedIndexException.class)
                .hasMessageContaining("images.txt:10")
                .hasMessageContaining("expected 2 fields");
    }

    @Test
    void nonNumericClassNamesFileAndLine() throws IOException {
        fixture(List.of(), List.of());
        FixtureFiles.lines(root.resolve("image_class_labels.txt"), List.of("1 1", "2 x", "3 2"));
        assertThatThrownBy(() -> new Cub200Reader(false).read(root))
                .hasMessageContaining("image_class_labels.txt:2")
                .hasMessageContaining("class_id must be a positive integer, got 'x'");
    }

    @Test
    void duplicateIdsAndUnknownClassesAreRejectedRows() throws IOException {
        fixture(List.of("3 002.Class_2/again.jpg", "10 201.Nope/a.jpg"), List.of("10 201"));
        IndexResult r = new Cub200Reader(false).readAll(root);
        assertThat(r.entries()).hasSize(9);
        assertThat(r.rejects()).hasSize(2);
        assertThat(r.rejects().get(0).toString())
                .contains("images.txt:11")
                .contains("class 201 is not in classes.txt");
        assertThat(r.rejects().get(1).toString())
                .contains("images.txt:10")
                .contains("duplicate id, first at images.txt:3")
                .contains("002.Class_2/again.jpg");
        assertThatThrownBy(() -> new Cub200Reader(false).read(root))
                .isInstanceOf(MalformedIndexException.class)
                .hasMessageContaining("images.txt:11")
                .hasMessageContaining("2 row(s) rejected");
    }

    @Test
    void strictModeNamesTheCountMismatch() throws IOException {
        fixture(List.of(), List.of());
        assertThatThrownBy(() -> new Cub200Reader(true).read(root))
                .isInstanceOf(MalformedIndexException.class)
                .hasMessageContaining("train images: index has 5, published 5864")
                .hasMessageContaining("test classes: index has 2, published 100");
    }

    @Test
    void missingMetadataFileIsNamed() {
        assertThatThrownBy(() -> new Cub200Reader(false).read(root))
                .hasMessageContaining("classes.txt");
    }
}
