package org.pdml.train;

import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pdml.artifacts.AtomicFolders;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.ModelFiles;
import org.pdml.artifacts.NpyArray;
import org.pdml.config.ResolvedConfig;
import org.pdml.data.RecordTransforms;
import org.pdml.model.EmbeddingModel;
import org.pdml.model.TorchScriptBackbone;
import org.pdml.model.torchscript.ExportedEmbedder;
import org.pdml.model.torchscript.TorchScriptModels;
import org.pdml.util.CrashPoints;
import org.pdml.util.Sha256;

/**
 * Writes the exported model folder: {@code embedder.pt} (TorchScript, images → z; for an imported
 * TorchScript backbone {@code backbone.pt} + {@code head.pt}, see {@link ExportedEmbedder}), {@code
 * params.bin} (DJL parameters of the whole training block), {@code proxy_directions.npy} and {@code
 * proxy_kappa.npy} ([C, D] float32), {@code config.yaml} and {@code model_card.json} (config hash,
 * data manifest hash, classes, selection metrics, the evaluation {@code preprocessing} that turns
 * an image into the model's input, as {@link org.pdml.data.EvalTransforms#recipe} states it for
 * torch, and the SHA-256 of every file under {@value ModelFiles#HASHES}, which evaluation checks
 * with {@link ModelFiles#verify}). The folder is also an MLflow Model ({@link MlflowModelFiles}:
 * {@code MLmodel}, a python_function loader, signature, input example, pinned requirements). The
 * folder is written in a staging sibling and swapped into place by {@link AtomicFolders}: after a
 * crash at any moment the previous model or the new one is complete, never a mix (a killed export
 * once left a 0-byte {@code params.bin}).
 *
 * <p>Every file is a function of the trained parameters, the config and the data alone, so two
 * identical runs write byte-identical folders and equal model hashes: the TorchScript archives have
 * fixed entry times and order ({@link org.pdml.model.torchscript.TorchScriptArchive}), and the card
 * holds no wall-clock time, its keys in a fixed order. When the model was made is recorded beside
 * the folder: in the train stage's {@code stage.json} ({@code created_at}) under {@code pdml run},
 * and as the tracking run's start time.
 */
public final class ModelExport {
    /** File name of the model card, the folder's commit marker. */
    public static final String CARD = ModelFiles.CARD;

    private ModelExport() {}

    /**
     * Exports the session's current parameters.
     *
     * @param session the trained model (best checkpoint loaded)
     * @param inputs the training data (classes)
     * @param resolved the resolved config
     * @param state the final training state
     * @param out run folder; the model goes to {@code out/model}
     * @return the model folder
     * @throws IOException if writing fails
     */
    public static Path write(
            TrainSession session,
            TrainInputs inputs,
            ResolvedConfig resolved,
            TrainState state,
            Path out)
            throws IOException {
        Path target = out.resolve("model");
        Path dir = AtomicFolders.stage(target);
        List<String> files = new ArrayList<>(writeEmbedder(session.block().embedder(), dir));
        try (DataOutputStream params =
                new DataOutputStream(
                        new BufferedOutputStream(
                                Files.newOutputStream(dir.resolve("params.bin"))))) {
            session.block().saveParameters(params);
        }
        writeProxies(session, dir);
        resolved.writeYaml(dir.resolve("config.yaml"));
        files.addAll(
                List.of("params.bin", "proxy_directions.npy", "proxy_kappa.npy", "config.yaml"));
        files.addAll(
                MlflowModelFiles.write(
                        dir,
                        resolved.config().model().embeddingDim(),
                        resolved.config().train().augmentation().centerCrop()));
        Map<String, Object> card = card(session, inputs, resolved, state, files);
        card.put(ModelFiles.HASHES, ModelFiles.digests(dir, files));
        writeCard(dir, card);
        CrashPoints.reach("export");
        AtomicFolders.replace(dir, target);
        return target;
    }

    /**
     * Writes the TorchScript of the embedding network: one file for pdml backbones; for an imported
     * TorchScript backbone the trained module as libtorch re-saves it, and the head separately (see
     * {@link ExportedEmbedder}).
     */
    private static List<String> writeEmbedder(EmbeddingModel embedder, Path dir)
            throws IOException {
        for (String f :
                List.of(
                        ExportedEmbedder.EMBEDDER,
                        ExportedEmbedder.BACKBONE,
                        ExportedEmbedder.HEAD)) {
            Files.deleteIfExists(dir.resolve(f));
        }
        if (!(embedder.backbone() instanceof TorchScriptBackbone imported)) {
            TorchScriptModels.export(embedder, dir.resolve(ExportedEmbedder.EMBEDDER));
            return List.of(ExportedEmbedder.EMBEDDER);
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve(ExportedEmbedder.BACKBONE))) {
            JniUtils.writeModule((PtSymbolBlock) imported.module(), out, false);
        }
        TorchScriptModels.export(embedder.head(), dir.resolve(ExportedEmbedder.HEAD));
        return List.of(ExportedEmbedder.BACKBONE, ExportedEmbedder.HEAD);
    }

    private static void writeProxies(TrainSession session, Path dir) throws IOException {
        var v = session.block().proxies().directions().getArray();
        var k = session.block().proxies().kappa().getArray();
        NpyArray.writeFloats(
                dir.resolve("proxy_directions.npy"), v.toFloatArray(), v.getShape().getShape());
        NpyArray.writeFloats(
                dir.resolve("proxy_kappa.npy"), k.toFloatArray(), k.getShape().getShape());
    }

    private static Map<String, Object> card(
            TrainSession session,
            TrainInputs inputs,
            ResolvedConfig resolved,
            TrainState state,
            List<String> files)
            throws IOException {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("schema", "pdml.model_card/v1");
        card.put("config_hash", resolved.hash());
        card.put("data_manifest_sha256", manifestHash(inputs));
        card.put("embedding_dim", resolved.config().model().embeddingDim());
        card.put("backbone", resolved.config().model().backbone().name());
        card.put("input_size", resolved.config().train().augmentation().centerCrop());
        card.put(
                "preprocessing",
                RecordTransforms.evaluation(resolved.config().train().augmentation()).recipe());
        card.put("loss", Losses.wireName(resolved.config().loss().name()));
        card.put("classes", inputs.classes().classCount());
        card.put("epochs_done", state.epochsDone());
        card.put("best_epoch", state.bestEpoch());
        card.put("best_validation_metric", state.bestMetric());
        card.put("temperature", session.block().proxies().temperature().getArray().getFloat());
        card.put("files", files);
        return card;
    }

    private static String manifestHash(TrainInputs inputs) throws IOException {
        Path manifest = inputs.examplesDir().resolve(ExamplesArtifact.MANIFEST);
        return Files.exists(manifest) ? Sha256.of(manifest) : "";
    }

    private static void writeCard(Path dir, Map<String, Object> card) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path tmp = dir.resolve(CARD + ".tmp");
        json.writeValue(tmp.toFile(), card);
        Files.move(tmp, dir.resolve(CARD), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
