package org.pdml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/** The in-place update rules of {@link ParameterGroup}, in torch's operation order. */
final class UpdateRules {

    /** The fused Adam kernel's "no element-wise clipping" value (it clamps when ≥ 0). */
    private static final float NO_CLIP = -1f;

    private UpdateRules() {}

    /**
     * Applies the slot's rule for update number {@code slot.updates} (already incremented).
     *
     * @param slot state of the parameter
     * @param w detached view of the weight, modified in place
     * @param g gradient, not yet clipped
     * @param scale the clip factor for {@code g} (1 when not clipping)
     * @param lr learning rate of this update
     * @param stateManager owner of new state arrays
     * @param scope owner of temporaries, closed by the caller after the update
     */
    static void apply(
            GroupSlot slot,
            NDArray w,
            NDArray g,
            float scale,
            float lr,
            NDManager stateManager,
            NDManager scope) {
        ParameterGroup group = slot.group;
        switch (group.algorithm()) {
            case ADAM -> adam(slot, w, g, scale, lr, false, stateManager);
            case ADAMW -> adam(slot, w, g, scale, lr, true, stateManager);
            case SGD -> {
                NDArray scaled = scale != 1f ? g.mul(scale) : g;
                sgd(slot, w, withDecay(scaled, w, group.weightDecay()), lr, stateManager, scope);
            }
        }
    }

    private static NDArray withDecay(NDArray g, NDArray w, float decay) {
        return decay > 0 ? g.add(w.mul(decay)) : g;
    }

    /**
     * Torch's Adam (L2 decay in the gradient) or AdamW (decoupled decay), as one fused engine call
     * per parameter: a chain of ~15 single-op calls costs ~30 µs each through JNI, which made the
     * update a tenth of a small network's step. The fused kernel computes w −= η'·m/(√v + ε') with
     * the bias corrections folded into η' = η·√(1−β₂ᵗ)/(1−β₁ᵗ) and ε' = ε·√(1−β₂ᵗ), which is
     * exactly torch's w −= η/(1−β₁ᵗ) · m/(√v/√(1−β₂ᵗ) + ε). The clip factor enters as the gradient
     * rescale, before the decay, as in torch's clip-then-step order.
     */
    private static void adam(
            GroupSlot slot,
            NDArray w,
            NDArray g,
            float scale,
            float lr,
            boolean decoupled,
            NDManager manager) {
        ParameterGroup group = slot.group;
        if (slot.first == null) {
            slot.first = manager.zeros(w.getShape(), w.getDataType(), w.getDevice());
            slot.second = manager.zeros(w.getShape(), w.getDataType(), w.getDevice());
        }
        slot.onDeviceOf(w, manager);
        double correction1 = 1 - Math.pow(group.beta1(), slot.updates);
        double root2 = Math.sqrt(1 - Math.pow(group.beta2(), slot.updates));
        // w is a detached view: the kernel zeroes the gradient of its weight argument afterwards,
        // and a detached view has none, so the parameter's gradient stays readable.
        w.getNDArrayInternal()
                .adamUpdate(
                        new NDList(w, g, slot.first, slot.second),
                        new NDList(w),
                        lr,
                        (float) (lr * root2 / correction1),
                        group.weightDecay(),
                        scale,
                        NO_CLIP,
                        group.beta1(),
                        group.beta2(),
                        (float) (group.epsilon() * root2),
                        false,
                        decoupled);
    }

    private static void sgd(
            GroupSlot slot, NDArray w, NDArray g, float lr, NDManager manager, NDManager scope) {
        NDArray direction = g;
        float momentum = slot.group.momentum();
        if (momentum > 0) {
            if (slot.first == null) {
                slot.first = g.duplicate();
                slot.first.attach(manager);
            } else {
                slot.onDeviceOf(w, manager);
                slot.first.muli(momentum).addi(g);
            }
            direction = slot.first;
        }
        NDArray step = direction.mul(lr);
        step.attach(scope);
        w.subi(step);
    }
}
