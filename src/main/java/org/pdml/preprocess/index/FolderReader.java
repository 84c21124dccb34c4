package org.pdml.preprocess.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An image folder with one subfolder per class ({@code root/<class>/<file>}). Every non-hidden name
 * in a class folder that is not a folder is an entry: regular files, and also symbolic links
 * (dangling ones included), FIFOs and other special files, so that preprocessing rejects each with
 * its reason instead of dropping it unseen (it also rejects non-images and anything whose real path
 * leaves the root). Files directly in the root and nested folders are ignored. Classes are sorted
 * by name; the first {@code floor(n/2)} are TRAIN, the rest TEST (role ALL). Ids and paths are
 * {@code <class>/<file>}; the class name is the folder name.
 */
public final class FolderReader implements IndexReader {

    @Override
    public IndexResult readAll(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "image folder missing");
        }
        List<String> classes = list(root, true);
        if (classes.isEmpty()) {
            throw new MalformedIndexException(root, 0, "no class subfolders");
        }
        List<RawEntry> raw = new ArrayList<>();
        for (String cls : classes) {
            Split split = ClassRangeSplit.of(classes, cls);
            for (String f : list(root.resolve(cls), false)) {
                String rel = cls + "/" + f;
                raw.add(new RawEntry(rel, rel, cls, cls, split, Role.ALL, root.resolve(rel), 0));
            }
        }
        return IndexAssembler.assemble(raw, List.of());
    }

    private static List<String> list(Path dir, boolean folders) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> folders == Files.isDirectory(p))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        }
    }
}
