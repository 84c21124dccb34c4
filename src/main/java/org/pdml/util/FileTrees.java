package org.pdml.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Recursive folder walks: deletion, the one owner of "remove this folder and everything in it", and
 * the listing of a folder's files with their relative paths.
 */
public final class FileTrees {

    private FileTrees() {}

    /**
     * Deletes a file or a folder with everything in it, deepest entries first. Links are deleted,
     * never followed, so nothing outside the tree is touched.
     *
     * @param path the file or folder; nothing happens when it does not exist
     * @throws IOException if something cannot be deleted (what came before it is gone)
     */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Lists the regular files under a folder, subfolders included, as {@code /}-separated paths
     * relative to it, sorted, so that uploads and listings are in a stable order.
     *
     * @param dir the folder
     * @return the relative paths, e.g. {@code code/pdml_pyfunc.py}
     * @throws IOException if the folder cannot be walked
     */
    public static List<String> regularFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
