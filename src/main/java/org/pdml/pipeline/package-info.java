/**
 * {@code pdml run} as a pipeline of cached stages: preprocess → train → evaluate.
 *
 * <p><b>Fingerprints.</b> Each stage's output is identified by a {@link
 * org.pdml.pipeline.StageFingerprint}: the SHA-256 of the config sections the stage reads (in
 * {@link org.pdml.config.CanonicalForm}) and the identities of its inputs: preprocess hashes {@code
 * data} and {@code seed}; train hashes {@code model}, {@code loss}, {@code train}, {@code seed} and
 * the examples manifest's SHA-256; evaluate hashes {@code eval}, {@code seed}, the model's content
 * hash and the examples manifest's SHA-256.
 *
 * <p><b>Store.</b> Outputs live in {@code <runs_root>/stages/<stage>/<fingerprint>/} ({@link
 * org.pdml.pipeline.StageStore}), each committed by a {@code stage.json} StageManifest written
 * last. Train and evaluate write inside that folder; preprocess writes to {@code data.output} and
 * its manifest records that path and the examples manifest's hash. A second identical run finds
 * every output and runs nothing; {@code --from <stage>} forces that stage and all after it.
 *
 * <p><b>Resume.</b> An interrupted preprocess left no examples manifest, so it runs again; an
 * interrupted train left checkpoints in its stage folder and continues from the last one; an
 * interrupted evaluate starts again.
 *
 * <p>This package never imports {@code org.pdml.preprocess}: the preprocess stage is implemented in
 * {@code org.pdml.app} against {@link org.pdml.pipeline.PipelineStage}.
 */
package org.pdml.pipeline;
