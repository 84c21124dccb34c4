package org.pdml.config;

/**
 * Model selection and early stopping, always on the class-disjoint validation split (never test).
 *
 * @param metric validation metric that selects the best checkpoint
 * @param patience epochs without improvement before stopping; 0 disables early stopping
 */
public record EarlyStoppingConfig(
        @Doc("Validation metric selecting the best checkpoint") Metric metric,
        @Doc("Stop after this many epochs without improvement; 0 disables early stopping")
                int patience) {

    /** Selection metrics (docs/method.md §4.1). */
    public enum Metric {
        /** MAP@R. */
        MAP_AT_R,
        /** Recall@1 (= P@1). */
        RECALL_AT_1
    }
}
