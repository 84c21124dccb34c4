package org.pdml.eval;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pdml.artifacts.ModelFiles;
import org.pdml.artifacts.proto.EvalReport;
import org.pdml.config.ConfigLoader;
import org.pdml.config.EvalConfig;
import org.pdml.config.PdmlConfig;
import org.pdml.data.RecordTransforms;
import org.pdml.data.SplitImages;
import org.pdml.eval.retrieval.Similarity;
import org.pdml.model.Embedder;
import org.pdml.model.torchscript.ExportedEmbedder;
import org.pdml.provenance.Seeds;
import org.pdml.util.Sha256;

/**
 * {@code pdml evaluate}: embeds a split with an exported model ({@link ExportedEmbedder},
 * evaluation transforms from the model's own {@code config.yaml}), writes the embedding file, then
 * runs {@link MetricsStage} on it. Output: {@code <out>/embeddings/} and {@code
 * <out>/report.{pb,json}} with the plots.
 */
public final class EvaluateStage {
    private EvaluateStage() {}

    /**
     * Evaluates.
     *
     * @param modelDir folder written by {@code pdml train} ({@code model/})
     * @param examples folder written by {@code pdml preprocess}
     * @param split split to evaluate ("test" or "val")
     * @param eval evaluation settings (k list, kNN block size, NMI, vote k, ECE bins)
     * @param seeds the run's seeds: the engine's generator is set from the {@code engine} stream
     *     before embedding (eval-mode embedding draws nothing today; this keeps any future draw
     *     reproducible), k-means draws from {@code eval.kmeans}
     * @param out output folder
     * @param device where the model runs
     * @return the report
     * @throws org.pdml.artifacts.DamagedArtifactException naming the file, before any work, if the
     *     model folder does not match its card ({@link ModelFiles#verify}) or the examples folder
     *     its manifest ({@link org.pdml.artifacts.VerifiedExamples})
     * @throws IOException if reading or writing fails
     */
    public static EvalReport run(
            Path modelDir,
            Path examples,
            String split,
            EvalConfig eval,
            Seeds seeds,
            Path out,
            Device device)
            throws IOException {
        ModelFiles.verify(modelDir);
        PdmlConfig trained = ConfigLoader.load(modelDir.resolve("config.yaml"), List.of()).config();
        SplitImages images = SplitImages.load(examples, split);
        Path embeddings = out.resolve("embeddings");
        Engine.getInstance().setRandomSeed(seeds.intSeed(Seeds.Purpose.ENGINE));
        embed(modelDir, trained, images, device).write(embeddings);
        MetricsOptions options = metricsOptions(eval, seeds, modelHash(modelDir), split);
        return MetricsStage.run(embeddings, options, out);
    }

    /**
     * The metrics options of an evaluation: the {@code eval} section as typed options.
     *
     * @param eval evaluation settings
     * @param seeds the run's seeds; k-means draws from the {@code eval.kmeans} stream
     * @param modelSha256 hash of the evaluated model
     * @param split the evaluated split's name
     * @return all-vs-all cosine options with the section's k list, vote k, ECE bins, NMI settings
     *     and block size
     */
    static MetricsOptions metricsOptions(
            EvalConfig eval, Seeds seeds, String modelSha256, String split) {
        return new MetricsOptions(
                eval.kList(),
                false,
                Similarity.COSINE,
                eval.knnVoteK(),
                eval.eceBins(),
                seeds.seed(Seeds.Purpose.KMEANS),
                eval.nmi().nInit(),
                eval.nmi().maxIter(),
                eval.blockSize(),
                modelSha256,
                split);
    }

    /** Embeds a split with the exported model and its evaluation transforms. */
    static EmbeddingFile embed(Path modelDir, PdmlConfig trained, SplitImages images, Device device)
            throws IOException {
        try (ExportedEmbedder model = ExportedEmbedder.load(modelDir, device)) {
            Embedder embedder = TrainedEmbedder.of(model, trained.train());
            Embedder.Result z =
                    embedder.embed(
                            images.size(),
                            RecordTransforms.evaluation(images, trained.train().augmentation()));
            List<String> ids = new ArrayList<>(images.size());
            for (int i = 0; i < images.size(); i++) {
                ids.add(images.get(i).id());
            }
            return new EmbeddingFile(
                    z.values(), z.count(), z.dim(), images.labels(), ids, Optional.empty());
        }
    }

    /**
     * The SHA-256 of the model's TorchScript: of {@code embedder.pt}, or, for a two-file model, of
     * the lines {@code "<name>:<sha256>\n"} of its files in application order.
     */
    private static String modelHash(Path modelDir) throws IOException {
        List<Path> files = ExportedEmbedder.files(modelDir);
        if (files.size() == 1) {
            return Sha256.of(files.get(0));
        }
        StringBuilder lines = new StringBuilder();
        for (Path f : files) {
            lines.append(f.getFileName()).append(':').append(Sha256.of(f)).append('\n');
        }
        return Sha256.of(lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Tells whether a folder holds a complete exported model.
     *
     * @param modelDir candidate folder
     * @return true if its model card (written last) exists
     */
    public static boolean isModel(Path modelDir) {
        return Files.exists(modelDir.resolve(ModelFiles.CARD));
    }
}
