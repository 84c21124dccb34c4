package org.pdml.preprocess.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvIndexReaderTest {
    @TempDir Path root;

    @Test
    void withHeaderAndSplits() throws IOException {
        FixtureFiles.lines(
                root.resolve("index.csv"),
                List.of(
                        "path,label,split",
                        "a/1.png,cat,train",
                        "b/2.png,dog,test",
                        "a/3.png,cat,train"));
        List<IndexEntry> index = new CsvIndexReader().read(root);
        assertThat(index)
                .containsExactly(
                        new IndexEntry("a/1.png", "a/1.png", 0, "cat", Split.TRAIN, Role.ALL),
                        new IndexEntry("b/2.png", "b/2.png", 1, "dog", Split.TEST, Role.ALL),
                        new IndexEntry("a/3.png", "a/3.png", 0, "cat", Split.TRAIN, Role.ALL));
    }

    @Test
    void withoutHeaderOrSplitTheLowerHalfOfClassesTrains() throws IOException {
        // Numeric labels sort numerically: 2 < 10 < 33; floor(3/2) = 1 training class.
        FixtureFiles.lines(
                root.resolve("my.csv"), List.of("x.png,10", "y.png,2", "z.png,33", "w.png,2"));
        List<IndexEntry> index = new CsvIndexReader("my.csv").read(root);
        assertThat(index).extracting(IndexEntry::label).containsExactly(1, 0, 2, 0);
        assertThat(index)
                .extracting(IndexEntry::split)
                .containsExactly(Split.TEST, Split.TRAIN, Split.TEST, Split.TRAIN);
    }

    @Test
    void mixedRowWidthsNameTheLine() throws IOException {
        FixtureFiles.lines(root.resolve("index.csv"), List.of("a.png,1,train", "b.png,2"));
        assertThatThrownBy(() -> new CsvIndexReader().read(root))
                .hasMessageContaining("index.csv:2")
                .hasMessageContaining("split on every row or none");
    }

    @Test
    void badSplitNamesTheLine() throws IOException {
        FixtureFiles.lines(
                root.resolve("index.csv"),
                List.of("path,label,split", "a.png,1,train", "b.png,2,dev"));
        assertThatThrownBy(() -> new CsvIndexReader().read(root))
                .hasMessageContaining("index.csv:3")
                .hasMessageContaining("unknown split 'dev'");
    }

    @Test
    void emptyLabelNamesTheLine() throws IOException {
        FixtureFiles.lines(root.resolve("index.csv"), List.of("a.png,1", "b.png,"));
        assertThatThrownBy(() -> new CsvIndexReader().read(root))
                .hasMessageContaining("index.csv:2")
                .hasMessageContaining("path,label[,split]");
    }

    @Test
    void duplicatePathsAreRejectedRows() throws IOException {
        FixtureFiles.lines(root.resolve("index.csv"), List.of("a.png,1", "b.png,2", "a.png,2"));
        IndexResult r = new CsvIndexReader().readAll(root);
        assertThat(r.entries()).hasSize(2);
        assertThat(r.rejects())
                .singleElement()
                .satisfies(
                        x -> {
                            assertThat(x.line()).isEqualTo(3);
                            assertThat(x.reason()).contains("duplicate id, first at index.csv:1");
                        });
    }
}
