package org.pdml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DJL {@link Optimizer} with parameter groups: {@link #update} dispatches by {@link
 * Parameter#getId()} to the group's rule ({@link ParameterGroup}), each group with its own schedule
 * and weight decay. DJL has no groups, so this routes per parameter.
 *
 * <p>State (step counts, Adam moments, SGD momentum buffers) is keyed by stable names ({@code
 * group/parameterName}), not by DJL's random parameter ids, so {@link #saveState} from one process
 * and {@link #loadState} into a freshly built model in another give bit-identical later updates.
 * Gradient clipping by global norm is {@link #clipGradNorm}, called after backward and before
 * {@code Trainer.step()}. Close the optimiser to free its state arrays.
 */
public final class PerGroupOptimizer extends Optimizer implements AutoCloseable {

    private static final String MAGIC = "pdml.PerGroupOptimizer/1";

    private final Map<String, GroupSlot> byId = new HashMap<>();
    private final Map<String, GroupSlot> byKey = new TreeMap<>();
    private final Map<String, Float> pendingScale = new HashMap<>();
    private final NDManager stateManager = NDManager.newBaseManager();

    private PerGroupOptimizer(Builder builder) {
        super(builder);
        for (Pair<ParameterGroup, PairList<String, Parameter>> g : builder.groups) {
            for (Pair<String, Parameter> p : g.getValue()) {
                GroupSlot slot = new GroupSlot(g.getKey(), g.getKey().name() + "/" + p.getKey());
                if (byId.put(p.getValue().getId(), slot) != null) {
                    throw new IllegalArgumentException("parameter in two groups: " + slot.key);
                }
                if (byKey.put(slot.key, slot) != null) {
                    throw new IllegalArgumentException("duplicate parameter name " + slot.key);
                }
            }
        }
    }

    /** Returns a builder; add one group per {@link ParameterGroup}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Applies one update of the parameter's group rule in place: {@code weight} and the group state
     * change; {@code grad} is read only (scaled by a pending {@link #clipGradNorm} factor).
     *
     * @param parameterId the DJL parameter id
     * @param weight the parameter array, any shape
     * @param grad its gradient, same shape
     * @throws IllegalStateException naming the id if the parameter is in no group
     */
    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        GroupSlot slot = byId.get(parameterId);
        if (slot == null) {
            throw new IllegalStateException(
                    "parameter " + parameterId + " belongs to no optimiser group");
        }
        float scale = pendingScale.getOrDefault(parameterId, 1f);
        pendingScale.remove(parameterId);
        float lr = slot.group.learningRate().getNewValue(slot.updates);
        try (NDManager scope = stateManager.newSubManager(weight.getDevice())) {
            NDArray w = weight.stopGradient();
            w.attach(scope);
            NDArray g = grad.stopGradient();
            g.attach(scope);
            slot.updates++;
            UpdateRules.apply(slot, w, g, scale, lr, stateManager, scope);
        }
    }

    /**
     * Scales this step's gradients so that their global L2 norm is at most {@code maxNorm}, as
     * torch's {@code clip_grad_norm_}: factor min(1, maxNorm / (‖g‖ + 1e-6)), applied inside the
     * next {@link #update} of each parameter.
     *
     * @param parameters all trained parameters (those without gradient are skipped)
     * @param maxNorm the bound, > 0
     * @return the global norm ‖g‖ before clipping
     */
    public double clipGradNorm(Iterable<Parameter> parameters, double maxNorm) {
        double total = 0;
        List<String> ids = new ArrayList<>();
        for (Parameter p : parameters) {
            if (!p.requiresGradient() || !p.isInitialized() || !p.getArray().hasGradient()) {
                continue;
            }
            // Every result attaches to the gradient's manager; the scope frees them all.
            try (NDManager scope = stateManager.newSubManager()) {
                NDArray g = p.getArray().getGradient();
                g.attach(scope);
                total += g.square().sum().toType(DataType.FLOAT64, false).getDouble();
            }
            ids.add(p.getId());
        }
        double norm = Math.sqrt(total);
        double factor = maxNorm / (norm + 1e-6);
        if (factor < 1) {
            for (String id : ids) {
                pendingScale.put(id, (float) factor);
            }
        }
        return norm;
    }

    /** Returns the learning rate the next update of {@code parameterId} will use. */
    public float currentLearningRate(String parameterId) {
        GroupSlot slot = byId.get(parameterId);
        if (slot == null) {
            throw new IllegalStateException("parameter " + parameterId + " is in no group");
        }
        return slot.group.learningRate().getNewValue(slot.updates);
    }

    /**
     * Writes step counts and state arrays of every parameter (exact bytes) to {@code out}.
     *
     * @throws IOException if writing fails
     */
    public void saveState(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeUTF(MAGIC);
        data.writeInt(byKey.size());
        for (GroupSlot slot : byKey.values()) {
            slot.write(data);
        }
        data.flush();
    }

    /**
     * Restores the state written by {@link #saveState} into this optimiser, whose groups must hold
     * parameters of the same names and shapes.
     *
     * @throws IOException naming the key if the stream is not such a state, misses a parameter or
     *     names an unknown one
     */
    public void loadState(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        String magic = data.readUTF();
        if (!MAGIC.equals(magic)) {
            throw new IOException("not a PerGroupOptimizer state: header '" + magic + "'");
        }
        int n = data.readInt();
        if (n != byKey.size()) {
            throw new IOException("state has " + n + " parameters, optimiser " + byKey.size());
        }
        for (int i = 0; i < n; i++) {
            String key = data.readUTF();
            GroupSlot slot = byKey.get(key);
            if (slot == null) {
                throw new IOException("state names unknown parameter " + key);
            }
            slot.read(data, stateManager);
        }
        pendingScale.clear();
    }

    @Override
    public void close() {
        stateManager.close();
    }

    /** Builds a {@link PerGroupOptimizer}. */
    public static final class Builder extends OptimizerBuilder<Builder> {

        private final List<Pair<ParameterGroup, PairList<String, Parameter>>> groups =
                new ArrayList<>();

        private Builder() {}

        /**
         * Adds a group.
         *
         * @param group the update rule
         * @param parameters the group's parameters by stable name (e.g. {@code
         *     block.getParameters()}); names must be unique within the group
         */
        public Builder addGroup(ParameterGroup group, PairList<String, Parameter> parameters) {
            groups.add(new Pair<>(group, parameters));
            return this;
        }

        /** Returns the optimiser. */
        public PerGroupOptimizer build() {
            return new PerGroupOptimizer(this);
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
