package org.pdml.preprocess.index;

import java.nio.file.Path;

/**
 * An index entry before dense labels are assigned, with where it was read.
 *
 * @param id unique id
 * @param path path relative to the dataset root
 * @param classKey the original class id; all-numeric keys sort numerically, others as strings
 * @param className the original class name (or the key when there is no name)
 * @param split split
 * @param role role
 * @param file the metadata file it came from
 * @param line its 1-based line (or element) number in that file, 0 when not line-based
 */
record RawEntry(
        String id,
        String path,
        String classKey,
        String className,
        Split split,
        Role role,
        Path file,
        int line) {}
