package org.pdml.eval;

import java.util.Arrays;

/**
 * Which rows of an embedding file are queries and which are gallery items, and where each query
 * sits in the gallery (so that it is excluded from its own neighbours).
 *
 * @param queries ascending query row indices
 * @param gallery ascending gallery row indices
 * @param selfInGallery {@code [Q]} gallery position of each query row, or −1
 */
public record QueryGallerySplit(int[] queries, int[] gallery, int[] selfInGallery) {

    /**
     * @param file the embedding file
     * @param useRoles take the split from {@code roles.npy}; otherwise every row is both
     * @return the split
     * @throws IllegalArgumentException if roles are requested but absent, or a side is empty
     */
    public static QueryGallerySplit of(EmbeddingFile file, boolean useRoles) {
        if (useRoles && file.roles().isEmpty()) {
            throw new IllegalArgumentException(
                    "query/gallery evaluation needs " + EmbeddingFile.ROLES + " in the folder");
        }
        EmbeddingFile view = useRoles ? file : withoutRoles(file);
        int[] q = view.queryRows();
        int[] g = view.galleryRows();
        if (q.length == 0 || g.length == 0) {
            throw new IllegalArgumentException(
                    "need at least one query and one gallery row, got "
                            + q.length
                            + " and "
                            + g.length);
        }
        int[] self = new int[q.length];
        for (int i = 0; i < q.length; i++) {
            int pos = Arrays.binarySearch(g, q[i]);
            self[i] = pos >= 0 ? pos : -1;
        }
        return new QueryGallerySplit(q, g, self);
    }

    private static EmbeddingFile withoutRoles(EmbeddingFile f) {
        return new EmbeddingFile(
                f.embeddings(),
                f.count(),
                f.dim(),
                f.labels(),
                f.ids(),
                java.util.Optional.empty());
    }

    /**
     * @param labels {@code [N]} labels of all rows
     * @param rows row indices
     * @return the labels of those rows
     */
    public static long[] pick(long[] labels, int[] rows) {
        return Arrays.stream(rows).mapToLong(r -> labels[r]).toArray();
    }
}
