package org.pdml.config;

import java.nio.file.Path;

/**
 * The libtorch a user asked the engine to load ({@code engine.libtorch}): {@code bundled-cpu} (the
 * Maven natives on the classpath), {@code pip} (a venv with PyPI's {@code torch} that pdml creates)
 * or the path of a libtorch folder. Pure syntax: whether the folder holds a loadable libtorch is
 * decided where the engine is loaded ({@code org.pdml.model.LibtorchLoader}).
 *
 * @param kind what was asked for
 * @param path the folder for {@link Kind#PATH}, null otherwise
 */
public record LibtorchRequest(Kind kind, Path path) {

    /** What was asked for. */
    public enum Kind {
        /** The CPU libtorch of the Maven natives (or whatever DJL itself resolves). */
        BUNDLED_CPU,
        /** PyPI's {@code torch} in a venv that pdml creates on first use. */
        PIP,
        /** A libtorch folder of the user's. */
        PATH
    }

    /** The default: the Maven natives. */
    public static final LibtorchRequest BUNDLED_CPU = new LibtorchRequest(Kind.BUNDLED_CPU, null);

    /**
     * Parses a request. A path must contain a {@code /} ({@code ./libtorch}, {@code
     * /opt/libtorch}), so that a mistyped keyword such as {@code cuda} is not taken for a folder.
     *
     * @param text {@code bundled-cpu}, {@code pip} or a folder path
     * @return the request
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static LibtorchRequest parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equals("bundled-cpu")) {
            return BUNDLED_CPU;
        }
        if (t.equals("pip")) {
            return new LibtorchRequest(Kind.PIP, null);
        }
        if (t.contains("/")) {
            return new LibtorchRequest(Kind.PATH, Path.of(t));
        }
        throw new IllegalArgumentException(
                "must be bundled-cpu, pip or the path of a libtorch folder (with a '/', e.g."
                        + " ./libtorch), got '"
                        + text
                        + "'");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case BUNDLED_CPU -> "bundled-cpu";
            case PIP -> "pip";
            case PATH -> path.toString();
        };
    }
}
