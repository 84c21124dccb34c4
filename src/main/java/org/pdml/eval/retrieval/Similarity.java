package org.pdml.eval.retrieval;

/** The similarity that ranks gallery items for a query (larger is nearer). */
public enum Similarity {
    /** s(q, g) = q̂ᵀĝ with x̂ = x / max(‖x‖₂, 1e-12): cosine on normalised embeddings. */
    COSINE,
    /** s(q, g) = −‖q − g‖₂² = 2qᵀg − ‖q‖² − ‖g‖² on the raw embeddings. */
    NEGATIVE_SQUARED_L2
}
