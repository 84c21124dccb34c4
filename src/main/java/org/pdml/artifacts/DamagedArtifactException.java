package org.pdml.artifacts;

import java.nio.file.Path;

/**
 * A stage's input does not match its manifest or card: a shard or model file is missing, extra, of
 * another size, record count or SHA-256, or the manifest itself is missing or malformed. The
 * message names the folder, the file and the problem, e.g. {@code /data/ex: shard
 * train/part-00001-of-00002.tfrecord: 0 bytes, manifest says 5123}.
 */
public final class DamagedArtifactException extends java.io.IOException {
    private final transient Problem problem;

    /**
     * Creates the exception.
     *
     * @param dir the artifact folder (examples or model)
     * @param kind what the file is, e.g. "shard" or "file"
     * @param problem the file (relative to {@code dir}) and what is wrong with it
     * @param cause the underlying error, or null
     */
    public DamagedArtifactException(Path dir, String kind, Problem problem, Throwable cause) {
        super(dir + ": " + kind + " " + problem, cause);
        this.problem = problem;
    }

    /**
     * Returns the defect.
     *
     * @return the file at fault and what is wrong
     */
    public Problem problem() {
        return problem;
    }
}
