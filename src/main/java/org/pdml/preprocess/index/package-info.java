/**
 * Dataset indexes: plain-Java readers that turn a dataset's own metadata files (CUB, CARS196, SOP,
 * In-Shop, a CSV index, an image folder) into one list of {@link
 * org.pdml.preprocess.index.IndexEntry} with dense labels, class-disjoint splits and retrieval
 * roles. No Beam, no DJL: the pipeline reads the index before it starts.
 */
package org.pdml.preprocess.index;
