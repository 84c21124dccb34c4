/**
 * Retrieval, clustering and calibration metrics as pure JDK functions (docs/method.md §4).
 *
 * <p>Conventions shared by all retrieval metrics: neighbours are ranked by decreasing similarity
 * with ties broken by lower gallery index, the query itself is never its own neighbour, and
 * rel_q(i) = 1 when the i-th neighbour carries the query's label. R_q is the number of gallery
 * items other than the query labelled y_q. Queries with R_q = 0 are excluded from every query-level
 * metric (retrieval and calibration) and counted ({@link
 * org.pdml.eval.metrics.NeighbourLabels#excludedCount()}).
 */
package org.pdml.eval.metrics;
