package org.pdml.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pdml.artifacts.NpyArray;
import org.pdml.model.Embedder;

/**
 * Writes {@code pdml embed}'s output (see {@link EmbedFormat}). For each row z the direction is μ =
 * z/‖z‖ and the concentration κ = ‖z‖ (Euclidean norm, accumulated in double, written as float32);
 * a zero embedding has no direction and is written with μ = 0, κ = 0. When the model has an abstain
 * threshold ({@link AbstainFile}), each row is also marked confident iff its written κ ≥ the
 * threshold: JSONL field {@code confident}, NPY file {@code confident.npy} (int8, 1 = confident).
 */
public final class EmbeddingOutput {
    /** NPY file of the embeddings z. */
    public static final String EMBEDDINGS = "embeddings.npy";

    /** NPY file of the directions μ. */
    public static final String DIRECTIONS = "directions.npy";

    /** NPY file of the concentrations κ. */
    public static final String KAPPA = "kappa.npy";

    /** NPY file of the confident flags (int8 0/1), written only with an abstain threshold. */
    public static final String CONFIDENT = "confident.npy";

    /** Text file of the ids, one per line. */
    public static final String IDS = "ids.txt";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddingOutput() {}

    /**
     * Writes the embeddings.
     *
     * @param format JSONL (a file) or NPY (a folder)
     * @param out destination
     * @param items the images' ids and labels, row order
     * @param z embeddings {@code [N, D]}
     * @param abstain the model's abstain threshold, if it has one
     * @throws IOException if writing fails
     */
    public static void write(
            EmbedFormat format,
            Path out,
            List<EmbedInputs.Item> items,
            Embedder.Result z,
            Optional<AbstainFile> abstain)
            throws IOException {
        if (items.size() != z.count()) {
            throw new IllegalArgumentException(items.size() + " ids for " + z.count() + " rows");
        }
        float[] kappa = new float[z.count()];
        float[] directions = new float[z.values().length];
        for (int i = 0; i < z.count(); i++) {
            kappa[i] = normalise(z.values(), directions, i * z.dim(), z.dim());
        }
        Rows rows = new Rows(items, z, directions, kappa, abstain.map(a -> confident(a, kappa)));
        switch (format) {
            case JSONL -> jsonl(out, rows);
            case NPY -> npy(out, rows);
        }
    }

    /** What both formats write, row-aligned: ids and labels, z, μ = z/‖z‖, κ = ‖z‖, the flags. */
    private record Rows(
            List<EmbedInputs.Item> items,
            Embedder.Result z,
            float[] directions,
            float[] kappa,
            Optional<boolean[]> confident) {}

    private static boolean[] confident(AbstainFile abstain, float[] kappa) {
        boolean[] out = new boolean[kappa.length];
        for (int i = 0; i < kappa.length; i++) {
            out[i] = abstain.confident(kappa[i]);
        }
        return out;
    }

    /** Writes row {@code [from, from + d)} of z divided by its norm into {@code mu}; returns κ. */
    private static float normalise(float[] z, float[] mu, int from, int d) {
        double s = 0;
        for (int j = from; j < from + d; j++) {
            s += (double) z[j] * z[j];
        }
        double norm = Math.sqrt(s);
        for (int j = from; j < from + d; j++) {
            mu[j] = norm == 0 ? 0f : (float) (z[j] / norm);
        }
        return (float) norm;
    }

    private static void jsonl(Path out, Rows rows) throws IOException {
        List<EmbedInputs.Item> items = rows.items();
        Embedder.Result z = rows.z();
        createParent(out);
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                JsonGenerator g = JSON.getFactory().createGenerator(w)) {
            g.setRootValueSeparator(null);
            for (int i = 0; i < z.count(); i++) {
                EmbedInputs.Item item = items.get(i);
                g.writeStartObject();
                g.writeStringField("id", item.id());
                if (item.split().isPresent()) {
                    g.writeStringField("split", item.split().get());
                }
                if (item.label().isPresent()) {
                    g.writeNumberField("label", item.label().get());
                }
                floats(g, "embedding", z.values(), i * z.dim(), z.dim());
                floats(g, "direction", rows.directions(), i * z.dim(), z.dim());
                g.writeNumberField("kappa", rows.kappa()[i]);
                if (rows.confident().isPresent()) {
                    g.writeBooleanField("confident", rows.confident().get()[i]);
                }
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }

    private static void floats(JsonGenerator g, String name, float[] v, int from, int n)
            throws IOException {
        g.writeArrayFieldStart(name);
        for (int j = from; j < from + n; j++) {
            g.writeNumber(v[j]);
        }
        g.writeEndArray();
    }

    private static void npy(Path dir, Rows rows) throws IOException {
        Embedder.Result z = rows.z();
        Optional<boolean[]> confident = rows.confident();
        Files.createDirectories(dir);
        NpyArray.writeFloats(dir.resolve(EMBEDDINGS), z.values(), z.count(), z.dim());
        NpyArray.writeFloats(dir.resolve(DIRECTIONS), rows.directions(), z.count(), z.dim());
        NpyArray.writeFloats(dir.resolve(KAPPA), rows.kappa(), z.count());
        if (confident.isPresent()) {
            byte[] flags = new byte[z.count()];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = (byte) (confident.get()[i] ? 1 : 0);
            }
            NpyArray.writeBytes(dir.resolve(CONFIDENT), flags);
        }
        Files.write(
                dir.resolve(IDS),
                rows.items().stream().map(EmbedInputs.Item::id).toList(),
                StandardCharsets.UTF_8);
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
