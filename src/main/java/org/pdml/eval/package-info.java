/**
 * Evaluation stage: embedding files, the metrics pipeline over them, plots and the {@code
 * EvalReport}.
 *
 * <p>An embedding file ({@link org.pdml.eval.EmbeddingFile}) decouples the model from the metrics:
 * every number in a report can be recomputed from the file alone with {@code pdml metrics}.
 */
package org.pdml.eval;
