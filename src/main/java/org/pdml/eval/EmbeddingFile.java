package org.pdml.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.pdml.artifacts.NpyArray;

/**
 * An embedding file: the output of embedding a split, and the only input of the metrics.
 *
 * <p>On disk it is a folder with
 *
 * <ul>
 *   <li>{@code embeddings.npy}: float32 {@code [N, D]}, the raw (unnormalised) embeddings z;
 *   <li>{@code labels.npy}: int64 {@code [N]}, class labels;
 *   <li>{@code ids.txt}: N lines, one record id each, in row order;
 *   <li>{@code roles.npy} (optional): int8 {@code [N]}, {@link #ROLE_BOTH}, {@link #ROLE_QUERY} or
 *       {@link #ROLE_GALLERY} (In-Shop). Without it every row is both query and gallery.
 * </ul>
 *
 * @param embeddings row-major {@code [N, D]} values of z
 * @param count N, the number of rows
 * @param dim D, the embedding dimension
 * @param labels {@code [N]} labels
 * @param ids {@code [N]} record ids
 * @param roles {@code [N]} roles, or empty when absent
 */
public record EmbeddingFile(
        float[] embeddings,
        int count,
        int dim,
        long[] labels,
        List<String> ids,
        Optional<byte[]> roles) {

    /** Role code: the row is both a query and a gallery item. */
    public static final byte ROLE_BOTH = 0;

    /** Role code: the row is a query only. */
    public static final byte ROLE_QUERY = 1;

    /** Role code: the row is a gallery item only. */
    public static final byte ROLE_GALLERY = 2;

    /** File name of the embeddings. */
    public static final String EMBEDDINGS = "embeddings.npy";

    /** File name of the labels. */
    public static final String LABELS = "labels.npy";

    /** File name of the ids. */
    public static final String IDS = "ids.txt";

    /** File name of the optional roles. */
    public static final String ROLES = "roles.npy";

    /**
     * Validates the parts against each other.
     *
     * @throws IllegalArgumentException if sizes disagree or a role code is unknown
     */
    public EmbeddingFile {
        ids = List.copyOf(ids);
        check(embeddings.length == (long) count * dim, "embeddings hold " + embeddings.length);
        check(
                labels.length == count,
                LABELS + " has " + labels.length + " rows, expected " + count);
        check(ids.size() == count, IDS + " has " + ids.size() + " lines, expected " + count);
        roles.ifPresent(
                r -> {
                    check(r.length == count, ROLES + " has " + r.length + " rows, not " + count);
                    for (int i = 0; i < r.length; i++) {
                        check(r[i] >= 0 && r[i] <= 2, ROLES + " row " + i + " has code " + r[i]);
                    }
                });
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Reads an embedding folder.
     *
     * @param dir the folder
     * @return the embedding file
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException naming the file on a missing file, dtype or shape mismatch
     */
    public static EmbeddingFile read(Path dir) throws IOException {
        NpyArray z = NpyArray.read(existing(dir, EMBEDDINGS)).require(NpyArray.FLOAT32, 2);
        int n = Math.toIntExact(z.shape()[0]);
        int d = Math.toIntExact(z.shape()[1]);
        Path labelsPath = existing(dir, LABELS);
        long[] labels = NpyArray.read(labelsPath).require(NpyArray.INT64, 1).toLongs();
        check(labels.length == n, labelsPath + " has " + labels.length + " rows, expected " + n);
        Path idsPath = existing(dir, IDS);
        List<String> ids = Files.readAllLines(idsPath, StandardCharsets.UTF_8);
        check(ids.size() == n, idsPath + " has " + ids.size() + " lines, expected " + n);
        Path rolesPath = dir.resolve(ROLES);
        Optional<byte[]> roles = Optional.empty();
        if (Files.exists(rolesPath)) {
            byte[] r = NpyArray.read(rolesPath).require(NpyArray.INT8, 1).toBytes();
            check(r.length == n, rolesPath + " has " + r.length + " rows, expected " + n);
            roles = Optional.of(r);
        }
        return new EmbeddingFile(z.toFloats(), n, d, labels, ids, roles);
    }

    private static Path existing(Path dir, String name) {
        Path p = dir.resolve(name);
        check(Files.isRegularFile(p), p + ": missing from embedding folder " + dir);
        return p;
    }

    /**
     * Writes this embedding file into a folder (created if absent).
     *
     * @param dir the folder
     * @throws IOException if writing fails
     */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        NpyArray.writeFloats(dir.resolve(EMBEDDINGS), embeddings, count, dim);
        NpyArray.writeLongs(dir.resolve(LABELS), labels);
        Files.write(dir.resolve(IDS), ids, StandardCharsets.UTF_8);
        if (roles.isPresent()) {
            NpyArray.writeBytes(dir.resolve(ROLES), roles.get());
        }
    }

    /**
     * @return row indices that act as queries (role both or query), ascending
     */
    public int[] queryRows() {
        return rowsWithout(ROLE_GALLERY);
    }

    /**
     * @return row indices that act as gallery items (role both or gallery), ascending
     */
    public int[] galleryRows() {
        return rowsWithout(ROLE_QUERY);
    }

    private int[] rowsWithout(byte excluded) {
        byte[] r = roles.orElse(new byte[count]);
        return IntStream.range(0, count).filter(i -> r[i] != excluded).toArray();
    }

    /**
     * Copies selected rows.
     *
     * @param rows row indices
     * @return row-major {@code [rows.length, D]} embeddings
     */
    public float[] rows(int[] rows) {
        float[] out = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(embeddings, rows[i] * dim, out, i * dim, dim);
        }
        return out;
    }

    /**
     * The concentration κ = ‖z‖₂ of every row (the paper's identity mapping).
     *
     * @return {@code [N]} Euclidean norms of the raw embeddings
     */
    public double[] norms() {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                double v = embeddings[i * dim + j];
                s += v * v;
            }
            out[i] = Math.sqrt(s);
        }
        return out;
    }
}
