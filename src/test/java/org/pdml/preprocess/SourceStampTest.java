package org.pdml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Role;
import org.pdml.preprocess.index.Split;

/** The source stamp follows the indexed files' sizes and modification times, and nothing else. */
class SourceStampTest {

    private static final FileTime T0 = FileTime.fromMillis(1_700_000_000_000L);

    private static PreparedDataset dataset(Path root, String... paths) {
        List<IndexEntry> entries =
                java.util.Arrays.stream(paths)
                        .map(p -> new IndexEntry(p, p, 0, "cat", Split.TRAIN, Role.ALL))
                        .toList();
        return new PreparedDataset("t", root.toString(), entries, Map.of(0, "cat"), List.of());
    }

    private static void write(Path file, String content, FileTime time) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, time);
    }

    @Test
    void aFileRewrittenInPlaceChangesTheStampAndAnUntouchedTreeDoesNot(@TempDir Path root)
            throws Exception {
        write(root.resolve("a/1.png"), "one", T0);
        write(root.resolve("b/2.png"), "two", T0);
        PreparedDataset d = dataset(root, "a/1.png", "b/2.png");
        String before = SourceStamp.of(d);
        assertThat(before).hasSize(64).matches("[0-9a-f]+");
        assertThat(SourceStamp.of(d)).isEqualTo(before);
        // Same size, new bytes, new time: what an in-place re-export looks like.
        write(root.resolve("b/2.png"), "TWO", FileTime.from(T0.toInstant().plusSeconds(60)));
        String rewritten = SourceStamp.of(d);
        assertThat(rewritten).isNotEqualTo(before);
        // Back to the first time and size: the stamp reads metadata only, so it returns.
        Files.setLastModifiedTime(root.resolve("b/2.png"), T0);
        assertThat(SourceStamp.of(d)).isEqualTo(before);
    }

    @Test
    void aChangedSizeAMissingFileAndAnUnindexedFileAreTellable(@TempDir Path root)
            throws Exception {
        write(root.resolve("a/1.png"), "one", T0);
        write(root.resolve("b/2.png"), "two", T0);
        PreparedDataset d = dataset(root, "a/1.png", "b/2.png");
        String before = SourceStamp.of(d);
        write(root.resolve("c/unindexed.png"), "x", T0);
        assertThat(SourceStamp.of(d)).as("a file the index does not name").isEqualTo(before);
        write(root.resolve("a/1.png"), "one more", T0);
        String grown = SourceStamp.of(d);
        assertThat(grown).as("same time, other size").isNotEqualTo(before);
        Files.delete(root.resolve("a/1.png"));
        assertThat(SourceStamp.of(d)).as("missing").isNotEqualTo(grown).isNotEqualTo(before);
    }

    @Test
    void entryOrderAndARelativeRootDoNotMatter(@TempDir Path root) throws Exception {
        write(root.resolve("a/1.png"), "one", T0);
        write(root.resolve("b/2.png"), "two", T0);
        String forward = SourceStamp.of(dataset(root, "a/1.png", "b/2.png"));
        assertThat(SourceStamp.of(dataset(root, "b/2.png", "a/1.png"))).isEqualTo(forward);
        Path relative = Path.of("").toAbsolutePath().relativize(root);
        assertThat(SourceStamp.of(dataset(relative, "a/1.png", "b/2.png"))).isEqualTo(forward);
        // And the listing is really consulted: with every file gone, the stamp is another one.
        assertThat(SourceStamp.of(dataset(root.resolve("elsewhere"), "a/1.png", "b/2.png")))
                .isNotEqualTo(forward);
    }
}
