package org.pdml.eval;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pdml.artifacts.ModelFiles;
import org.pdml.config.ConfigLoader;
import org.pdml.config.PdmlConfig;
import org.pdml.data.EvalTransforms;
import org.pdml.data.RecordTransforms;
import org.pdml.model.Embedder;
import org.pdml.model.torchscript.ExportedEmbedder;

/**
 * {@code pdml embed}: runs an exported model ({@link ExportedEmbedder}, evaluation transforms from
 * the model's own {@code config.yaml}) over images and writes, per image, the embedding z, the
 * image vMF's direction μ = z/‖z‖ and its concentration κ = ‖z‖ (docs/method.md §1), and, when the
 * model folder has an {@link AbstainFile}, whether the image is confident (κ ≥ its threshold).
 */
public final class EmbedStage {
    private EmbedStage() {}

    /**
     * Embeds.
     *
     * @param modelDir folder written by {@code pdml train} ({@code model/})
     * @param images an examples folder, an image folder or an image file ({@link EmbedInputs})
     * @param format output format
     * @param out output file (JSONL) or folder (NPY)
     * @param device where the model runs
     * @return the number of images embedded
     * @throws org.pdml.artifacts.DamagedArtifactException naming the file if the model folder does
     *     not match its card, or an examples folder its manifest
     * @throws IOException if the model or an image cannot be read, or the output cannot be written
     * @throws IllegalArgumentException naming the path if the model folder is incomplete or there
     *     is no image
     */
    public static int run(Path modelDir, Path images, EmbedFormat format, Path out, Device device)
            throws IOException {
        Path config = modelDir.resolve("config.yaml");
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException(
                    "--model " + modelDir + " is not a pdml model folder: " + config + " missing");
        }
        ExportedEmbedder.files(modelDir);
        ModelFiles.verify(modelDir);
        PdmlConfig trained = ConfigLoader.load(config, List.of()).config();
        Optional<AbstainFile> abstain = AbstainFile.read(modelDir);
        EmbedInputs inputs = EmbedInputs.of(images);
        Embedder.Result z = embed(modelDir, trained, inputs, device);
        EmbeddingOutput.write(format, out, inputs.items(), z, abstain);
        return z.count();
    }

    private static Embedder.Result embed(
            Path modelDir, PdmlConfig trained, EmbedInputs inputs, Device device)
            throws IOException {
        EvalTransforms t = RecordTransforms.evaluation(trained.train().augmentation());
        try (ExportedEmbedder model = ExportedEmbedder.load(modelDir, device)) {
            Embedder embedder = TrainedEmbedder.of(model, trained.train());
            return embedder.embed(inputs.size(), row -> t.apply(inputs.image(row)));
        }
    }
}
