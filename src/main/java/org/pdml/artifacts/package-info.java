/**
 * Typed handles on stage outputs. A stage writes its data first and its manifest last (atomically),
 * so an output folder is complete exactly when its manifest exists; {@link
 * org.pdml.artifacts.ExamplesArtifact} reads, writes and verifies the examples folder produced by
 * preprocessing; {@link org.pdml.artifacts.VerifiedExamples} is the one way later stages read it,
 * checked against the manifest as they read; {@link org.pdml.artifacts.ModelFiles} checks an
 * exported model folder against its card; {@link org.pdml.artifacts.NpyArray} is the one reader and
 * writer of numpy's NPY files (exported proxies, embeddings, clusters). Depends only on the JDK,
 * protobuf, Jackson (the model card) and {@code org.pdml.records}.
 */
package org.pdml.artifacts;
