/**
 * Exact k-nearest-neighbour search and k-means on DJL {@code NDArray}s (GPU when the engine has
 * one), returning plain Java arrays for the pure metrics in {@code org.pdml.eval.metrics}.
 *
 * <p>Memory is bounded by the block size: every query block lives in its own {@code NDManager}
 * sub-manager that is closed before the next block starts.
 */
package org.pdml.eval.retrieval;
