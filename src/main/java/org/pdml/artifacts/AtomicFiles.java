package org.pdml.artifacts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old content or the complete new content, never a
 * partial file: write a temporary sibling, force it to disk, then rename it over the target.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Atomically replaces {@code target} with {@code content}.
     *
     * @param target the file to create or replace; its folder must exist
     * @param content the complete new content
     * @throws IOException if writing fails or the file system cannot rename atomically (the
     *     temporary file is removed in both cases)
     */
    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // Not createTempFile, which makes the file 0600: a manifest beside 0644 shards must be
        // readable alike; createFile takes the umask's permissions.
        Path tmp =
                Files.createFile(
                        dir.resolve(
                                "." + target.getFileName() + "." + AtomicFolders.nonce() + ".tmp"));
        try {
            try (FileChannel ch =
                    FileChannel.open(
                            tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(
                    tmp,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("file system cannot rename atomically into " + dir, e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
