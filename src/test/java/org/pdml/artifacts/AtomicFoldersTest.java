package org.pdml.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AtomicFolders}: every state that a crash inside {@code stage}/{@code replace} can leave is
 * recovered to one complete folder, the old or the new one, and nothing else remains.
 */
class AtomicFoldersTest {

    @Test
    void replaceSwapsInTheStagedFolderAndLeavesNoSiblings(@TempDir Path tmp) throws IOException {
        Path target = folder(tmp.resolve("model"), "old");
        Path staged = AtomicFolders.stage(target);
        write(staged, "new");
        AtomicFolders.replace(staged, target);
        assertThat(read(target)).isEqualTo("new");
        assertThat(names(tmp)).containsExactly("model");
    }

    @Test
    void aCrashBetweenTheRenamesRecoversTheOldFolder(@TempDir Path tmp) throws IOException {
        folder(tmp.resolve(".model.old"), "old");
        folder(tmp.resolve(".model-12345"), "half-written");
        Path target = tmp.resolve("model");
        assertThat(AtomicFolders.recover(target)).isTrue();
        assertThat(read(target)).isEqualTo("old");
        assertThat(names(tmp)).containsExactly("model");
    }

    @Test
    void aCrashBeforeTheLastDeleteKeepsTheNewFolder(@TempDir Path tmp) throws IOException {
        folder(tmp.resolve(".model.old"), "old");
        Path target = folder(tmp.resolve("model"), "new");
        assertThat(AtomicFolders.recover(target)).isTrue();
        assertThat(read(target)).isEqualTo("new");
        assertThat(names(tmp)).containsExactly("model");
    }

    @Test
    void aCrashWhileStagingLeavesTheOldFolderAndStagingCleansUp(@TempDir Path tmp)
            throws IOException {
        Path target = folder(tmp.resolve("latest"), "old");
        folder(tmp.resolve(".latest-999"), "partial");
        Path best = folder(tmp.resolve("best"), "other");
        Path staged = AtomicFolders.stage(target);
        assertThat(names(tmp))
                .containsExactlyInAnyOrder("latest", "best", staged.getFileName().toString());
        assertThat(read(target)).isEqualTo("old");
        assertThat(read(best)).isEqualTo("other");
    }

    @Test
    void nothingToRecoverIsReportedAsSuch(@TempDir Path tmp) throws IOException {
        Path target = folder(tmp.resolve("model"), "x");
        assertThat(AtomicFolders.recover(target)).isFalse();
        assertThat(AtomicFolders.recover(tmp.resolve("absent/model"))).isFalse();
        assertThat(read(target)).isEqualTo("x");
    }

    /**
     * Staged folders and atomically written files get the umask's permissions, as a plain folder or
     * file made beside them does: the manifest was once 0600 beside 0644 shards (createTempFile),
     * and a staged model would have been 0700.
     */
    @Test
    void stagedFoldersAndAtomicFilesTakeTheUmasksPermissions(@TempDir Path tmp) throws IOException {
        Path plainDir = Files.createDirectory(tmp.resolve("plain"));
        Path plainFile = Files.writeString(tmp.resolve("plain.json"), "{}");
        Path staged = AtomicFolders.stage(tmp.resolve("model"));
        AtomicFiles.write(tmp.resolve("manifest.json"), "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.getPosixFilePermissions(staged))
                .isEqualTo(Files.getPosixFilePermissions(plainDir));
        assertThat(Files.getPosixFilePermissions(tmp.resolve("manifest.json")))
                .isEqualTo(Files.getPosixFilePermissions(plainFile));
        assertThat(names(tmp))
                .containsExactlyInAnyOrder(
                        "plain", "plain.json", "manifest.json", staged.getFileName().toString());
    }

    private static Path folder(Path dir, String content) throws IOException {
        Files.createDirectories(dir);
        write(dir, content);
        return dir;
    }

    private static void write(Path dir, String content) throws IOException {
        Files.writeString(dir.resolve("params.bin"), content, StandardCharsets.UTF_8);
    }

    private static String read(Path dir) throws IOException {
        return Files.readString(dir.resolve("params.bin"), StandardCharsets.UTF_8);
    }

    private static java.util.List<String> names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
