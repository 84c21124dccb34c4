package org.pdml.artifacts;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.pdml.util.CrashPoints;
import org.pdml.util.FileTrees;

/**
 * Replaces a whole folder so that a crash at any instant leaves a state from which the complete old
 * or the complete new folder is recovered, never a mix.
 *
 * <p>A writer fills a staging sibling ({@link #stage}: {@code .<name>-<random>}), then {@link
 * #replace} makes two renames: {@code <name>} → {@code .<name>.old}, staging → {@code <name>}, and
 * deletes {@code .<name>.old}. The states a crash can leave, and what {@link #recover} makes of
 * them:
 *
 * <ul>
 *   <li>a staging folder (crash while writing): deleted, the old folder stands;
 *   <li>{@code .<name>.old} and no {@code <name>} (crash between the renames): the old folder is
 *       complete, so it is renamed back;
 *   <li>{@code .<name>.old} beside {@code <name>} (crash before the last delete): the new folder is
 *       complete, so the old one is deleted.
 * </ul>
 *
 * Both renames are same-folder {@code ATOMIC_MOVE}s (POSIX {@code rename(2)}).
 */
public final class AtomicFolders {

    private AtomicFolders() {}

    /**
     * Creates an empty staging folder beside {@code target}, after recovering leftovers of an
     * earlier crash.
     *
     * @param target the folder that {@link #replace} will replace
     * @return the new staging folder, {@code .<name>-<random>} in target's parent
     * @throws IOException if the parent cannot be created or a leftover cannot be recovered
     */
    public static Path stage(Path target) throws IOException {
        Path parent = parent(target);
        Files.createDirectories(parent);
        recover(target);
        // Not createTempDirectory: that makes the folder 0700, and the model is shared; a plain
        // createDirectory takes the umask's permissions, as the folder it replaces had.
        return Files.createDirectory(parent.resolve("." + target.getFileName() + "-" + nonce()));
    }

    /** A random name part: 16 hex digits. */
    static String nonce() {
        return String.format("%016x", NONCES.nextLong());
    }

    private static final java.security.SecureRandom NONCES = new java.security.SecureRandom();

    /**
     * Moves a complete {@code staged} folder to {@code target}, replacing what was there.
     *
     * @param staged a folder from {@link #stage}
     * @param target the folder to create or replace
     * @throws IOException if a rename or delete fails; {@link #recover} then restores a complete
     *     folder
     */
    public static void replace(Path staged, Path target) throws IOException {
        Path old = old(target);
        FileTrees.deleteTree(old);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            CrashPoints.reach("swap:" + target.getFileName());
        }
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        FileTrees.deleteTree(old);
    }

    /**
     * Brings {@code target} back to a complete state after a crash in {@link #stage} or {@link
     * #replace} (see the class comment); does nothing when there are no leftovers.
     *
     * @param target the replaced folder
     * @return true if a leftover was found and recovered
     * @throws IOException if a rename or delete fails
     */
    public static boolean recover(Path target) throws IOException {
        boolean found = deleteStaging(target);
        Path old = old(target);
        if (!Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
            return found;
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            FileTrees.deleteTree(old);
        } else {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
        }
        return true;
    }

    private static boolean deleteStaging(Path target) throws IOException {
        Path parent = parent(target);
        if (!Files.isDirectory(parent)) {
            return false;
        }
        boolean found = false;
        String glob = "." + target.getFileName() + "-*";
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(parent, glob)) {
            for (Path p : leftovers) {
                FileTrees.deleteTree(p);
                found = true;
            }
        }
        return found;
    }

    private static Path old(Path target) {
        return parent(target).resolve("." + target.getFileName() + ".old");
    }

    private static Path parent(Path target) {
        return target.toAbsolutePath().getParent();
    }
}
