package org.pdml.eval;

/** Output formats of {@code pdml embed}. */
public enum EmbedFormat {
    /**
     * One JSON object per line and image: {@code id}, {@code split} and {@code label} (examples
     * folders only), {@code embedding} [D], {@code direction} [D], {@code kappa}.
     */
    JSONL,
    /**
     * A folder: {@code embeddings.npy} float32 [N, D], {@code directions.npy} float32 [N, D],
     * {@code kappa.npy} float32 [N] and {@code ids.txt} (N lines).
     */
    NPY
}
