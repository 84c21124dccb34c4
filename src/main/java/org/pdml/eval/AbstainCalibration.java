package org.pdml.eval;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.pdml.artifacts.ModelFiles;
import org.pdml.artifacts.VerifiedExamples;
import org.pdml.config.ConfigLoader;
import org.pdml.config.EvalConfig;
import org.pdml.config.PdmlConfig;
import org.pdml.data.SplitImages;
import org.pdml.eval.metrics.AbstainThreshold;
import org.pdml.eval.metrics.NeighbourLabels;
import org.pdml.eval.metrics.PrecisionAtOne;
import org.pdml.provenance.Seeds;

/**
 * {@code pdml evaluate --target-precision p}: fits the κ abstain threshold on the validation split
 * and stores it in the model folder ({@link AbstainFile}). The val split is embedded as {@code pdml
 * evaluate} embeds any split, each val image is a query against all others (cosine, self excluded),
 * and {@link AbstainThreshold#fit} picks the smallest κ threshold whose accepted queries (R_q &gt;
 * 0) reach R@1 ≥ p. κ is rounded to float32 first, as {@code pdml embed} writes it, so the stored
 * threshold is a κ value that {@code pdml embed} can output.
 */
public final class AbstainCalibration {
    private AbstainCalibration() {}

    /**
     * Fits and writes {@code <modelDir>/abstain.json}; on failure nothing is written.
     *
     * @param modelDir folder written by {@code pdml train}
     * @param examples folder written by {@code pdml preprocess}, with a val split
     * @param eval evaluation settings (kNN block size)
     * @param target the target R@1 in (0, 1]
     * @param device where the model runs
     * @return what was written
     * @throws org.pdml.artifacts.DamagedArtifactException if the model folder does not match its
     *     card ({@link ModelFiles#verify})
     * @throws IOException if reading or writing fails
     * @throws IllegalArgumentException if there is no val split, no val query has a same-label
     *     neighbour, or the target is out of range or unreachable (the message says which)
     */
    public static AbstainFile fit(
            Path modelDir, Path examples, EvalConfig eval, double target, Device device)
            throws IOException {
        AbstainThreshold.requireTarget(target);
        VerifiedExamples verified = VerifiedExamples.open(examples);
        if (!verified.hasSplit(AbstainFile.SPLIT)) {
            throw new IllegalArgumentException(
                    "--target-precision fits the threshold on the val split, but "
                            + examples
                            + " has none (preprocess with data.val_fraction > 0)");
        }
        ModelFiles.verify(modelDir);
        PdmlConfig trained = ConfigLoader.load(modelDir.resolve("config.yaml"), List.of()).config();
        SplitImages images = SplitImages.load(verified, AbstainFile.SPLIT);
        EmbeddingFile file = EvaluateStage.embed(modelDir, trained, images, device);
        AbstainThreshold fitted;
        try {
            fitted = fitOn(file, eval, target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "abstain threshold on the val split: "
                            + e.getMessage()
                            + "; "
                            + modelDir.resolve(AbstainFile.NAME)
                            + " not written",
                    e);
        }
        AbstainFile out = AbstainFile.of(fitted);
        out.write(modelDir);
        return out;
    }

    /**
     * The held-out check: the stored threshold applied to an evaluated split's embeddings (each row
     * a query against all others, as in the report).
     *
     * @param embeddings an embedding folder written by {@code pdml evaluate}
     * @param eval evaluation settings (kNN block size)
     * @param abstain the stored threshold
     * @return the rule with that split's R@1 of accepted queries (NaN if none), accepted count and
     *     evaluated query count
     * @throws IOException if the folder cannot be read
     */
    public static AbstainThreshold heldOut(Path embeddings, EvalConfig eval, AbstainFile abstain)
            throws IOException {
        Outcomes o = outcomes(EmbeddingFile.read(embeddings), eval);
        return abstain.rule().applyTo(o.kappa(), o.correct());
    }

    private static AbstainThreshold fitOn(EmbeddingFile file, EvalConfig eval, double target) {
        Outcomes o = outcomes(file, eval);
        if (o.kappa().length == 0) {
            throw new IllegalArgumentException("no query has a same-label neighbour");
        }
        return AbstainThreshold.fit(o.kappa(), o.correct(), target);
    }

    /** Float32 κ and R@1 correctness of the evaluated queries (R_q &gt; 0). */
    private record Outcomes(double[] kappa, boolean[] correct) {}

    private static Outcomes outcomes(EmbeddingFile file, EvalConfig eval) {
        // Only the neighbours are used: no k-means runs, so its seed stream is irrelevant here.
        MetricsOptions options =
                EvaluateStage.metricsOptions(eval, new Seeds(0), "", AbstainFile.SPLIT);
        try (NDManager manager = NDManager.newBaseManager()) {
            QueryGallerySplit split = QueryGallerySplit.of(file, false);
            NeighbourLabels n = MetricsStage.neighbours(manager, file, split, options);
            int[] e = IntStream.range(0, n.queryCount()).filter(n::evaluated).toArray();
            double[] norms = MetricsStage.pickRows(file.norms(), split.queries());
            double[] kappa = IntStream.of(e).mapToDouble(q -> (float) norms[q]).toArray();
            return new Outcomes(kappa, MetricsStage.pickRows(PrecisionAtOne.correct(n), e));
        }
    }
}
