package org.pdml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.preprocess.image.RejectReason;
import org.pdml.preprocess.image.RejectedImageException;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Role;
import org.pdml.preprocess.index.Split;

class EntryReaderTest {
    @TempDir Path root;

    private EntryReader reader() {
        return new EntryReader(root.toString(), Map.of(0, "cat", 1, "dog"));
    }

    private static IndexEntry entry(String path, int label, String name) {
        return new IndexEntry(path, path, label, name, Split.TRAIN, Role.ALL);
    }

    @Test
    void readsEveryByteOfFilesOfAnySize() throws Exception {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, 4095, 65_537, 1_000_003}) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            Files.createDirectories(root.resolve("a"));
            Files.write(root.resolve("a/f" + size + ".png"), content);
            assertThat(reader().read(entry("a/f" + size + ".png", 0, "cat"))).isEqualTo(content);
        }
    }

    @Test
    void refusesMissingFilesDirectoriesEscapesAndUnknownLabels() throws Exception {
        Files.createDirectories(root.resolve("folder.png"));
        assertReason(entry("nope.png", 0, "cat"), RejectReason.MISSING_FILE, "nope.png");
        assertReason(
                entry("folder.png", 0, "cat"),
                RejectReason.NOT_A_REGULAR_FILE,
                "folder.png: is a folder, not a regular file");
        assertReason(entry("../x.png", 0, "cat"), RejectReason.PATH_ESCAPES_ROOT, "../x.png");
        assertReason(entry("a.png", 2, "cow"), RejectReason.UNKNOWN_LABEL, "label 2 (cow)");
        assertReason(entry("a.png", 1, "cat"), RejectReason.UNKNOWN_LABEL, "label 1 (cat)");
    }

    @Test
    void readsNamesWithColonsAndOtherLegalCharacters() throws Exception {
        for (String name :
                new String[] {"colon:12.30.jpg", "a b+c=d,e;f'g@h#i&j%.png", "c:d.png"}) {
            Files.write(root.resolve(name), new byte[] {1, 2, 3});
            assertThat(reader().read(entry(name, 0, "cat"))).as(name).containsExactly(1, 2, 3);
        }
        for (String url :
                new String[] {"gs://b/x.png", "file:///etc/x.png", "C:\\x.png", "C:/x.png"}) {
            assertReason(entry(url, 0, "cat"), RejectReason.PATH_ESCAPES_ROOT, url);
        }
    }

    private void assertReason(IndexEntry e, RejectReason reason, String message) {
        assertThatThrownBy(() -> reader().read(e))
                .isInstanceOfSatisfying(
                        RejectedImageException.class, x -> assertThat(x.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }
}
