package org.pdml.model.torchscript;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedding network of an exported model folder, loaded for inference: images {@code [B, 3, H,
 * W]} → z {@code [B, D]}. A model whose layers are all pdml blocks is one file, {@link #EMBEDDER};
 * a model trained from an imported TorchScript backbone is two, {@link #BACKBONE} (the trained
 * module, re-saved by libtorch) then {@link #HEAD} (the linear head), applied in that order. In
 * Python the same is {@code head(backbone(x))} with both loaded by {@code torch.jit.load}.
 */
public final class ExportedEmbedder implements AutoCloseable {
    /** Single-file embedder (pdml backbones). */
    public static final String EMBEDDER = "embedder.pt";

    /** Trained imported backbone, {@code [B, 3, H, W] → [B, F]}. */
    public static final String BACKBONE = "backbone.pt";

    /** Embedding head of a two-file model, {@code [B, F] → [B, D]}. */
    public static final String HEAD = "head.pt";

    private final List<ZooModel<NDList, NDList>> parts;
    private final Block block;

    private ExportedEmbedder(List<ZooModel<NDList, NDList>> parts) {
        this.parts = List.copyOf(parts);
        if (parts.size() == 1) {
            block = parts.get(0).getBlock();
        } else {
            SequentialBlock chain = new SequentialBlock();
            parts.forEach(p -> chain.add(p.getBlock()));
            block = chain;
        }
    }

    /**
     * Tells which files hold a model folder's embedder.
     *
     * @param modelDir the folder
     * @return {@code [embedder.pt]} or {@code [backbone.pt, head.pt]}
     * @throws IllegalArgumentException naming the folder if neither layout is complete
     */
    public static List<Path> files(Path modelDir) {
        Path single = modelDir.resolve(EMBEDDER);
        if (Files.isRegularFile(single)) {
            return List.of(single);
        }
        List<Path> two = List.of(modelDir.resolve(BACKBONE), modelDir.resolve(HEAD));
        if (two.stream().allMatch(Files::isRegularFile)) {
            return two;
        }
        throw new IllegalArgumentException(
                modelDir + " holds neither " + EMBEDDER + " nor " + BACKBONE + " + " + HEAD);
    }

    /**
     * Loads a model folder's embedder for inference (parameters not trainable).
     *
     * @param modelDir folder written by {@code pdml train} ({@code model/})
     * @param device where to run it
     * @return the embedder; close it
     * @throws IOException naming the file if a module cannot be loaded
     * @throws IllegalArgumentException naming the folder if it holds no embedder
     */
    public static ExportedEmbedder load(Path modelDir, Device device) throws IOException {
        List<ZooModel<NDList, NDList>> parts = new ArrayList<>();
        try {
            for (Path f : files(modelDir)) {
                parts.add(TorchScriptModels.load(f, false, device));
            }
        } catch (IOException | RuntimeException e) {
            parts.forEach(ZooModel::close);
            throw e;
        }
        return new ExportedEmbedder(parts);
    }

    /** Returns the network, {@code [B, 3, H, W] → [B, D]}, for eval-mode forward passes. */
    public Block block() {
        return block;
    }

    /** Returns the manager owning the (first) module's parameters. */
    public NDManager manager() {
        return parts.get(0).getNDManager();
    }

    @Override
    public void close() {
        parts.forEach(ZooModel::close);
    }
}
