package org.pdml.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.pdml.artifacts.AtomicFolders;
import org.pdml.model.EngineOwned;
import org.pdml.util.CrashPoints;

/**
 * Named checkpoints ({@code latest}, {@code best}) under one folder. Each is a folder with {@code
 * params.bin} (DJL parameters, running BatchNorm statistics included), {@code optimizer.bin}
 * (moments and step counts, which DJL does not save) and {@code state.properties}. A checkpoint is
 * written to a staging folder and swapped into place by {@link AtomicFolders}, so a crash at any
 * moment leaves the previous or the new checkpoint complete; reading one first recovers the
 * leftovers of such a crash (a lone {@code .latest.old} is the previous checkpoint, and is renamed
 * back).
 */
public final class CheckpointStore {
    static final String PARAMS = "params.bin";
    static final String OPTIMIZER = "optimizer.bin";
    static final String STATE = "state.properties";

    private final Path root;

    /**
     * Opens (or prepares) a checkpoint folder.
     *
     * @param root e.g. {@code <run>/checkpoints}
     */
    public CheckpointStore(Path root) {
        this.root = root;
    }

    /** Returns the folder of checkpoint {@code name}. */
    public Path dir(String name) {
        return root.resolve(name);
    }

    /**
     * Atomically writes a checkpoint.
     *
     * @param name checkpoint name
     * @param block the trained block
     * @param optimizer writes its state to the stream
     * @param state the run's state
     * @throws IOException if writing fails
     */
    public void save(String name, Block block, StateWriter optimizer, TrainState state)
            throws IOException {
        Path tmp = AtomicFolders.stage(dir(name));
        try (DataOutputStream out = new DataOutputStream(buffered(tmp.resolve(PARAMS)))) {
            block.saveParameters(out);
        }
        try (OutputStream out = buffered(tmp.resolve(OPTIMIZER))) {
            optimizer.write(out);
        }
        try (Writer w = Files.newBufferedWriter(tmp.resolve(STATE), StandardCharsets.UTF_8)) {
            state.write(w);
        }
        CrashPoints.reach("checkpoint");
        AtomicFolders.replace(tmp, dir(name));
    }

    private static OutputStream buffered(Path file) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(file));
    }

    /**
     * Reads only the state of a checkpoint, if it exists.
     *
     * @param name checkpoint name
     * @return the state, or empty when there is no such checkpoint
     * @throws IOException if the state file is unreadable or malformed
     */
    public Optional<TrainState> state(String name) throws IOException {
        AtomicFolders.recover(dir(name));
        Path file = dir(name).resolve(STATE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return Optional.of(TrainState.read(r, file.toString()));
        }
    }

    /**
     * Loads parameters and optimiser state of a checkpoint into an initialised block.
     *
     * @param name checkpoint name
     * @param manager manager that owns the parameters
     * @param block a block of the same architecture, initialised
     * @param optimizer reads its state from the stream (null to skip)
     * @return the checkpoint's state
     * @throws IOException if a file is missing, unreadable or does not match the block
     */
    public TrainState load(String name, NDManager manager, Block block, StateReader optimizer)
            throws IOException {
        AtomicFolders.recover(dir(name));
        Path dir = dir(name);
        try (DataInputStream in =
                new DataInputStream(
                        new BufferedInputStream(Files.newInputStream(dir.resolve(PARAMS))))) {
            block.loadParameters(manager, in);
            EngineOwned.adoptParameters(block);
            restoreGradientFlags(block);
        } catch (MalformedModelException e) {
            throw new IOException(dir.resolve(PARAMS) + " does not match the model: " + e, e);
        }
        if (optimizer != null) {
            try (InputStream in =
                    new BufferedInputStream(Files.newInputStream(dir.resolve(OPTIMIZER)))) {
                optimizer.read(in);
            }
        }
        return state(name).orElseThrow(() -> new IOException("no " + STATE + " in " + dir));
    }

    /**
     * DJL's {@code Parameter.load} replaces each array without marking it as requiring gradients,
     * so a loaded model would silently stop learning; re-mark every trainable parameter.
     */
    private static void restoreGradientFlags(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }

    /** Writes optimiser state (e.g. {@code PerGroupOptimizer::saveState}). */
    @FunctionalInterface
    public interface StateWriter {
        /**
         * Writes the state.
         *
         * @param out destination
         * @throws IOException if writing fails
         */
        void write(OutputStream out) throws IOException;
    }

    /** Reads optimiser state (e.g. {@code PerGroupOptimizer::loadState}). */
    @FunctionalInterface
    public interface StateReader {
        /**
         * Reads the state.
         *
         * @param in source
         * @throws IOException if the state is malformed
         */
        void read(InputStream in) throws IOException;
    }
}
