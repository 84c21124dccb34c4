package org.pdml.preprocess;

import java.util.Objects;

/**
 * One upstream source of a dataset, recorded in the manifest (a package or a user folder).
 *
 * @param name package or folder name
 * @param version package version, or empty
 * @param sha256 lower-case hex SHA-256 of the downloaded file, or empty
 * @param licence licence identifier, or empty when unknown
 * @param origin how it was obtained, e.g. {@code "npm pack"} or {@code "user"}
 */
public record DatasetSource(
        String name, String version, String sha256, String licence, String origin) {

    /**
     * Validates the fields.
     *
     * @throws NullPointerException if any field is null
     */
    public DatasetSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(licence, "licence");
        Objects.requireNonNull(origin, "origin");
    }
}
