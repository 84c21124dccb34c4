package org.pdml.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir Path tmp;

    @Test
    void deletesAFolderWithEverythingInIt() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root/a/b"));
        Files.writeString(root.resolve("f.txt"), "x");
        Files.writeString(tmp.resolve("root/g.txt"), "y");
        FileTrees.deleteTree(tmp.resolve("root"));
        assertThat(tmp.resolve("root")).doesNotExist();
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void deletesAPlainFileAndIgnoresAMissingPath() throws Exception {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        FileTrees.deleteTree(f);
        assertThat(f).doesNotExist();
        FileTrees.deleteTree(tmp.resolve("missing"));
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void deletesLinksWithoutFollowingThem() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "keep");
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.createSymbolicLink(tree.resolve("link"), outside);
        FileTrees.deleteTree(tree);
        assertThat(tree).doesNotExist();
        assertThat(outside.resolve("keep.txt")).hasContent("keep");
    }
}
