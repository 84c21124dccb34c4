package org.pdml.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A bound and validated config with its origin: what a run saves as {@code config.yaml} and what
 * its provenance hash identifies.
 *
 * @param config the typed config
 * @param source the file (or text label) it was loaded from
 */
public record ResolvedConfig(PdmlConfig config, String source) {

    /**
     * Returns the canonical JSON: sorted keys, normalised numbers, no whitespace.
     *
     * @return canonical JSON text
     */
    public String canonicalJson() {
        return CanonicalForm.json(config);
    }

    /**
     * Returns the SHA-256 of the canonical JSON: equal for equal configs whatever their key order,
     * number spelling, {@code extends} chain or overrides.
     *
     * @return 64 lower-case hex digits
     */
    public String hash() {
        return CanonicalForm.sha256(config);
    }

    /**
     * Returns the resolved config as YAML, every key present, in schema order, headed by a comment
     * with its hash; loading it back gives an equal config.
     *
     * @return YAML text
     */
    public String toYaml() {
        return "# pdml resolved config (from "
                + source
                + ")\n# sha256: "
                + hash()
                + "\n"
                + CanonicalForm.yaml(config);
    }

    /**
     * Writes {@link #toYaml()} to a file, creating parent folders.
     *
     * @param file the target, e.g. {@code <run>/config.yaml}
     * @throws IOException if the file cannot be written
     */
    public void writeYaml(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Files.writeString(file, toYaml(), StandardCharsets.UTF_8);
    }

    /**
     * Returns every leaf as a dotted key and its canonical text, e.g. for tracking parameters.
     *
     * @return sorted map such as {@code train.optimizer.lr → 0.00001}
     */
    public Map<String, String> flatten() {
        return CanonicalForm.flatten(config);
    }
}
