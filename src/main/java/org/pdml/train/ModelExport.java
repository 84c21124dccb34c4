package org.pdml.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.Sha256;
import org.pdml.config.ResolvedConfig;
import org.pdml.eval.NpyArray;
import org.pdml.model.torchscript.TorchScriptModels;

/**
 * Writes the exported model folder: {@code embedder.pt} (TorchScript, images → z), {@code
 * params.bin} (DJL parameters of the whole training block), {@code proxy_directions.npy} and {@code
 * proxy_kappa.npy} ([C, D] float32), {@code config.yaml} and {@code model_card.json} (config hash,
 * data manifest hash, classes, selection metrics). The card is written last: a model folder without
 * it is incomplete.
 */
public final class ModelExport {
    /** File name of the model card, the folder's commit marker. */
    public static final String CARD = "model_card.json";

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
        Path dir = out.resolve("model");
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(CARD));
        TorchScriptModels.export(session.block().embedder(), dir.resolve("embedder.pt"));
        try (DataOutputStream params =
                new DataOutputStream(
                        new BufferedOutputStream(
                                Files.newOutputStream(dir.resolve("params.bin"))))) {
            session.block().saveParameters(params);
        }
        writeProxies(session, dir);
        resolved.writeYaml(dir.resolve("config.yaml"));
        writeCard(dir, card(session, inputs, resolved, state));
        return dir;
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
            TrainSession session, TrainInputs inputs, ResolvedConfig resolved, TrainState state)
            throws IOException {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("schema", "pdml.model_card/v1");
        card.put("created_at", Instant.now().toString());
        card.put("config_hash", resolved.hash());
        card.put("data_manifest_sha256", manifestHash(inputs));
        card.put("embedding_dim", resolved.config().model().embeddingDim());
        card.put("backbone", resolved.config().model().backbone().name());
        card.put("input_size", resolved.config().train().augmentation().centerCrop());
        card.put("loss", Losses.wireName(resolved.config().loss().name()));
        card.put("classes", inputs.classes().classCount());
        card.put("epochs_done", state.epochsDone());
        card.put("best_epoch", state.bestEpoch());
        card.put("best_validation_metric", state.bestMetric());
        card.put("temperature", session.block().proxies().temperature().getArray().getFloat());
        card.put(
                "files",
                Arrays.asList(
                        "embedder.pt",
                        "params.bin",
                        "proxy_directions.npy",
                        "proxy_kappa.npy",
                        "config.yaml"));
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
