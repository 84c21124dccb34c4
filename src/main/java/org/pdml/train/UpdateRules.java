package org.pdml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** The in-place update rules of {@link ParameterGroup}, in torch's operation order. */
final class UpdateRules {

    private UpdateRules() {}

    /**
     * Applies the slot's rule for update number {@code slot.updates} (already incremented).
     *
     * @param slot state of the parameter
     * @param w detached view of the weight, modified in place
     * @param g gradient (already clipped)
     * @param lr learning rate of this update
     * @param stateManager owner of new state arrays
     * @param scope owner of temporaries, closed by the caller after the update
     */
    static void apply(
            GroupSlot slot,
            NDArray w,
            NDArray g,
            float lr,
            NDManager stateManager,
            NDManager scope) {
        ParameterGroup group = slot.group;
        switch (group.algorithm()) {
            case ADAM ->
                    adam(slot, w, withDecay(g, w, group.weightDecay()), lr, stateManager, scope);
            case ADAMW -> {
                if (group.weightDecay() > 0) {
                    w.muli(1f - lr * group.weightDecay());
                }
                adam(slot, w, g, lr, stateManager, scope);
            }
            case SGD -> sgd(slot, w, withDecay(g, w, group.weightDecay()), lr, stateManager, scope);
        }
    }

    private static NDArray withDecay(NDArray g, NDArray w, float decay) {
        return decay > 0 ? g.add(w.mul(decay)) : g;
    }

    private static void adam(
            GroupSlot slot, NDArray w, NDArray g, float lr, NDManager manager, NDManager scope) {
        ParameterGroup group = slot.group;
        if (slot.first == null) {
            slot.first = manager.zeros(w.getShape(), w.getDataType(), w.getDevice());
            slot.second = manager.zeros(w.getShape(), w.getDataType(), w.getDevice());
        }
        float b1 = group.beta1();
        float b2 = group.beta2();
        slot.first.muli(b1).addi(g.mul(1f - b1));
        slot.second.muli(b2).addi(g.square().muli(1f - b2));
        double correction1 = 1 - Math.pow(b1, slot.updates);
        double correction2 = 1 - Math.pow(b2, slot.updates);
        float stepSize = (float) (lr / correction1);
        // Results of an op attach to the manager of its first operand: for the moments that is the
        // long-lived state manager, so these temporaries must move to the scope or they leak.
        NDArray denom = slot.second.sqrt();
        denom.attach(scope);
        denom.divi((float) Math.sqrt(correction2)).addi(group.epsilon());
        NDArray step = slot.first.div(denom);
        step.attach(scope);
        w.subi(step.muli(stepSize));
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
                slot.first.muli(momentum).addi(g);
            }
            direction = slot.first;
        }
        NDArray step = direction.mul(lr);
        step.attach(scope);
        w.subi(step);
    }
}
