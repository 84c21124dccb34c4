package org.pdml.model.torchscript;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Export of pdml blocks to TorchScript and import of TorchScript modules into DJL.
 *
 * <p>The exported module maps {@code x [B, 3, H, W]} (float32) to the block's output (for an {@link
 * org.pdml.model.EmbeddingModel}: z [B, D]) in eval mode, BatchNorm using its running statistics.
 * It loads in Python with {@code torch.jit.load} and in DJL with {@link #load}.
 */
public final class TorchScriptModels {

    /** Class name of exported modules inside the archive ({@code __torch__.PdmlModule}). */
    public static final String CLASS_NAME = "PdmlModule";

    private TorchScriptModels() {}

    /**
     * Writes {@code block}'s eval-mode forward and current weights as a TorchScript file.
     *
     * @param block an initialised pdml block (backbones, heads, {@code EmbeddingModel})
     * @param file destination, conventionally {@code *.pt}
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if a sub-block cannot be expressed as TorchScript (e.g. an
     *     imported {@code PtSymbolBlock} or a DJL {@code LambdaBlock})
     */
    public static void export(Block block, Path file) throws IOException {
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("block must be initialised before export");
        }
        TorchScriptEmitter emitter = new TorchScriptEmitter();
        String output = emitter.emit(block, "x");
        TorchScriptArchive.write(file, CLASS_NAME, emitter, output);
    }

    /**
     * Loads a TorchScript file with the PyTorch engine: its block is a {@code PtSymbolBlock} taking
     * and returning {@link NDList}s. With {@code trainable} its parameters are ordinary trainable
     * tensors (DJL's {@code trainParam=true}); without, they are inference tensors and training
     * through them fails. Close the returned model.
     *
     * @param file a TorchScript file (e.g. from {@code torch.jit.save} or {@link #export})
     * @param trainable whether the parameters are to be trained
     * @param device where the module's parameters live
     * @return the loaded model; use {@code getBlock()} as backbone
     * @throws IOException naming the file if it cannot be read or is not TorchScript
     */
    public static ZooModel<NDList, NDList> load(Path file, boolean trainable, Device device)
            throws IOException {
        Criteria<NDList, NDList> criteria =
                Criteria.builder()
                        .setTypes(NDList.class, NDList.class)
                        .optModelPath(file)
                        .optEngine("PyTorch")
                        .optDevice(device)
                        .optOption("trainParam", Boolean.toString(trainable))
                        .build();
        try {
            return criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IOException("cannot load TorchScript model " + file + ": " + e, e);
        }
    }
}
