package org.pdml.preprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.pdml.preprocess.image.RejectReason;
import org.pdml.preprocess.image.RejectedImageException;

/**
 * The dataset root as a boundary on the local file system: an entry is read only when its real path
 * (every symbolic link resolved) lies under the root's real path and is a regular file. A lexical
 * check alone let a link to {@code /etc/passwd}, or a linked class folder elsewhere, be read; a
 * FIFO would block the reader forever.
 */
final class LocalBoundary {
    private final Path realRoot;

    /**
     * @param root the dataset root
     * @throws IOException if the root does not exist or cannot be resolved
     */
    LocalBoundary(Path root) throws IOException {
        this.realRoot = root.toRealPath();
    }

    /**
     * Checks one entry, without opening it.
     *
     * @param relative the entry's path relative to the root (lexically inside it)
     * @throws RejectedImageException {@link RejectReason#MISSING_FILE} (also for a dangling link,
     *     naming its target), {@link RejectReason#PATH_ESCAPES_ROOT} (naming the real path) or
     *     {@link RejectReason#NOT_A_REGULAR_FILE}
     */
    void check(String relative) throws RejectedImageException {
        Path path = realRoot.resolve(relative);
        Path real = realPath(relative, path);
        if (!real.startsWith(realRoot)) {
            throw new RejectedImageException(
                    RejectReason.PATH_ESCAPES_ROOT,
                    relative + ": links to " + real + ", outside the dataset root " + realRoot);
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new RejectedImageException(
                    RejectReason.NOT_A_REGULAR_FILE,
                    relative + ": is a " + kind(real) + ", not a regular file");
        }
    }

    private static Path realPath(String relative, Path path) throws RejectedImageException {
        try {
            return path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new RejectedImageException(
                    RejectReason.MISSING_FILE, relative + ": " + missing(path), e);
        } catch (IOException e) {
            throw new RejectedImageException(
                    RejectReason.UNREADABLE, relative + ": cannot resolve: " + e, e);
        }
    }

    private static String missing(Path path) {
        if (!Files.isSymbolicLink(path)) {
            return "no such file";
        }
        try {
            return "dangling link to " + Files.readSymbolicLink(path);
        } catch (IOException e) {
            return "dangling link";
        }
    }

    private static String kind(Path real) {
        if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
            return "folder";
        }
        try {
            Object type = Files.getAttribute(real, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            int format = ((Integer) type) & 0170000;
            return switch (format) {
                case 0010000 -> "FIFO";
                case 0140000 -> "socket";
                case 0020000, 0060000 -> "device";
                default -> "special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "special file";
        }
    }
}
