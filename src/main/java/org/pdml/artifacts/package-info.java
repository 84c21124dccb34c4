/**
 * Typed handles on stage outputs. A stage writes its data first and its manifest last (atomically),
 * so an output folder is complete exactly when its manifest exists; {@link
 * org.pdml.artifacts.ExamplesArtifact} reads, writes and verifies the examples folder produced by
 * preprocessing. Depends only on the JDK, protobuf and {@code org.pdml.records}.
 */
package org.pdml.artifacts;
