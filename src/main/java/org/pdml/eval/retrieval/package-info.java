/**
 * Exact k-nearest-neighbour search and k-means on DJL {@code NDArray}s (GPU when the engine has
 * one), returning plain Java arrays for the pure metrics in {@code org.pdml.eval.metrics}.
 *
 * <p>Memory is bounded by the block size: every query block lives in its own {@code NDManager}
 * sub-manager that is closed before the next block starts.
 *
 * <p>With {@code eval.metrics} this is the scoring layer, below {@code train}: validation scores
 * its model with {@link org.pdml.eval.retrieval.RetrievalScore}, the same kNN and metrics as the
 * report (docs/architecture.md §4).
 */
package org.pdml.eval.retrieval;
