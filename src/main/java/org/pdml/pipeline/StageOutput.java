package org.pdml.pipeline;

import java.nio.file.Path;

/**
 * A committed stage output, fresh or reused.
 *
 * @param stage the stage
 * @param fingerprint the stage's fingerprint (64 hex digits)
 * @param dir the stage folder in the store, holding {@code stage.json}
 * @param output where the output lies: {@code dir} itself, or the configured examples folder
 * @param outputSha256 the output's identity, the input hash of downstream fingerprints
 * @param reused whether an existing output was taken instead of running the stage
 */
public record StageOutput(
        StageName stage,
        String fingerprint,
        Path dir,
        Path output,
        String outputSha256,
        boolean reused) {}
