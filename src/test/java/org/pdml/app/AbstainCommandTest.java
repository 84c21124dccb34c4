package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.NpyArray;
import org.pdml.eval.EmbeddingFile;
import org.pdml.testing.SyntheticExamples;
import picocli.CommandLine;

/**
 * {@code pdml evaluate --target-precision} and {@code pdml embed}'s {@code confident} flag through
 * the CLI on a tiny model trained on synthetic shards. The threshold is checked against an
 * independent brute-force fit on the val embeddings that {@code pdml evaluate --split val} writes.
 */
class AbstainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fitsTheThresholdOnValAndEmbedMarksConfidentImages(@TempDir Path tmp) throws IOException {
        Path examples = tmp.resolve("examples");
        SyntheticExamples.write(examples, 6, 0, 6, 32, 5L);
        // Hard val and test splits: 8 labels drawn as 2 patterns, so R@1 is well below 1.
        SyntheticExamples.writeSplit(examples, "val", 6, 8, 4, 32, 6L, c -> 6 + c % 2);
        SyntheticExamples.writeSplit(examples, "test", 14, 8, 4, 32, 9L, c -> 6 + c % 2);
        String model = tmp.resolve("run/model").toString();
        run("train", "--config", "configs/smoke/folder-tiny.yaml", "--examples", examples + "");
        run(evaluate(model, examples, tmp + "/val", "--split", "val"));
        Oracle oracle = Oracle.of(EmbeddingFile.read(tmp.resolve("val/embeddings")));
        assertThat(embedRows(tmp, model, "before.jsonl")).allMatch(r -> !r.has("confident"));

        String out =
                run(
                        evaluate(
                                model,
                                examples,
                                tmp + "/eval",
                                "--target-precision",
                                "" + oracle.target));
        JsonNode a = JSON.readTree(tmp.resolve("run/model/abstain.json").toFile());
        assertThat(a.get("split").asText()).isEqualTo("val");
        assertThat(a.get("target_precision").asDouble()).isEqualTo(oracle.target);
        assertThat((float) a.get("kappa_threshold").asDouble()).isEqualTo(oracle.threshold);
        assertThat(a.get("val_answered").asInt()).isEqualTo(oracle.answered);
        assertThat(a.get("val_queries").asInt()).isEqualTo(oracle.kappa.length);
        assertThat(a.get("val_recall_at_1").asDouble())
                .isEqualTo(oracle.hits / (double) oracle.answered)
                .isGreaterThanOrEqualTo(oracle.target);
        assertThat(a.get("val_coverage").asDouble())
                .isEqualTo(oracle.answered / (double) oracle.kappa.length);
        assertThat(out).contains("abstain threshold: kappa >= ", "on split 'test': R@1");

        List<JsonNode> rows = embedRows(tmp, model, "z.jsonl");
        for (JsonNode r : rows) {
            boolean expected = r.get("kappa").floatValue() >= oracle.threshold;
            assertThat(r.get("confident").asBoolean()).as(r.toString()).isEqualTo(expected);
        }
        long confidentVal =
                rows.stream()
                        .filter(r -> r.get("split").asText().equals("val"))
                        .filter(r -> r.get("confident").asBoolean())
                        .count();
        // pdml embed batches differently from evaluate (κ agrees to ~1e-5): only an image within
        // that of the threshold could change side.
        assertThat(Math.abs(confidentVal - oracle.answered))
                .isLessThanOrEqualTo(oracle.nearThreshold);
        run(
                "embed",
                "--model",
                model,
                "--images",
                examples + "",
                "--format",
                "npy",
                "--out",
                tmp + "/npy");
        byte[] flags = NpyArray.read(tmp.resolve("npy/confident.npy")).toBytes();
        for (int i = 0; i < rows.size(); i++) {
            assertThat(flags[i] == 1).isEqualTo(rows.get(i).get("confident").asBoolean());
        }
    }

    @Test
    void withoutAValSplitItFailsSayingSoAndWritesNothing(@TempDir Path tmp) throws IOException {
        Path examples = tmp.resolve("examples");
        SyntheticExamples.write(examples, 4, 0, 4, 32, 5L);
        SyntheticExamples.writeSplit(examples, "test", 4, 2, 4, 32, 9L);
        String model = tmp.resolve("run/model").toString();
        run("train", "--config", "configs/smoke/folder-tiny.yaml", "--examples", examples + "");
        StringWriter err = new StringWriter();
        int status =
                Cli.execute(
                        new StringWriter(),
                        err,
                        evaluate(model, examples, tmp + "/eval", "--target-precision", "0.9"));
        assertThat(status).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("val split", "has none");
        assertThat(tmp.resolve("run/model/abstain.json")).doesNotExist();
        assertThat(tmp.resolve("eval/report.json")).doesNotExist();
        StringWriter usage = new StringWriter();
        assertThat(
                        Cli.execute(
                                new StringWriter(),
                                usage,
                                evaluate(
                                        model,
                                        examples,
                                        tmp + "/eval",
                                        "--target-precision",
                                        "1.5")))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(usage.toString()).contains("--target-precision must be in (0, 1], got 1.5");
    }

    private static String[] evaluate(String model, Path examples, String out, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "evaluate",
                                "--model",
                                model,
                                "--data",
                                examples + "",
                                "--out",
                                out));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private List<JsonNode> embedRows(Path tmp, String model, String name) throws IOException {
        Path file = tmp.resolve(name);
        run(
                "embed",
                "--model",
                model,
                "--images",
                tmp.resolve("examples") + "",
                "--out",
                file + "");
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    private String run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (args[0].equals("train")) {
            all.addAll(List.of("--out", args[4].replace("examples", "run"), "--tracking", "off"));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Cli.execute(out, err, all.toArray(String[]::new))).as(err.toString()).isZero();
        return out.toString();
    }

    /**
     * An independent fit: brute-force cosine nearest neighbour (self excluded, ties by lower index)
     * over the val embeddings, float32 κ = ‖z‖, a target equal to the R@1 of the queries with κ at
     * or above the median κ, and the smallest κ value whose accepted queries reach it.
     */
    private static final class Oracle {
        float[] kappa;
        boolean[] correct;
        double target;
        float threshold;
        int answered;
        int hits;
        int nearThreshold;

        static Oracle of(EmbeddingFile f) {
            Oracle o = new Oracle();
            int n = f.count();
            double[] norms = f.norms();
            o.kappa = new float[n];
            o.correct = new boolean[n];
            for (int q = 0; q < n; q++) {
                o.kappa[q] = (float) norms[q];
                o.correct[q] = f.labels()[nearest(f, norms, q)] == f.labels()[q];
            }
            float[] sorted = o.kappa.clone();
            java.util.Arrays.sort(sorted);
            o.target = precisionAt(o, sorted[n / 2])[0];
            for (float t : new TreeSet<>(boxed(o.kappa)).descendingSet()) {
                double[] p = precisionAt(o, t);
                if (p[0] >= o.target) {
                    o.threshold = t;
                    o.answered = (int) p[1];
                    o.hits = (int) Math.round(p[0] * p[1]);
                }
            }
            for (float k : o.kappa) {
                o.nearThreshold += Math.abs(k - o.threshold) <= 1e-4 * o.threshold ? 1 : 0;
            }
            return o;
        }

        /** {R@1 of the queries with κ ≥ t, their count}. */
        static double[] precisionAt(Oracle o, float t) {
            int accepted = 0;
            int hits = 0;
            for (int q = 0; q < o.kappa.length; q++) {
                if (o.kappa[q] >= t) {
                    accepted++;
                    hits += o.correct[q] ? 1 : 0;
                }
            }
            return new double[] {hits / (double) accepted, accepted};
        }

        static int nearest(EmbeddingFile f, double[] norms, int q) {
            int best = -1;
            double bestSim = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < f.count(); g++) {
                double dot = 0;
                for (int j = 0; j < f.dim(); j++) {
                    dot +=
                            (double) f.embeddings()[q * f.dim() + j]
                                    * f.embeddings()[g * f.dim() + j];
                }
                double sim = dot / (norms[q] * norms[g]);
                if (g != q && sim > bestSim) {
                    best = g;
                    bestSim = sim;
                }
            }
            return best;
        }

        static List<Float> boxed(float[] v) {
            List<Float> out = new ArrayList<>();
            for (float x : v) {
                out.add(x);
            }
            return out;
        }
    }
}
