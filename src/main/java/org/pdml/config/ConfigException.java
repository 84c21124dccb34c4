package org.pdml.config;

import java.io.Serial;

/**
 * A config could not be read, bound or validated. The message always names the file (or override)
 * and the full dotted key path, so that it can be shown to the user as is.
 */
public final class ConfigException extends RuntimeException {
    @Serial private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a user-facing message.
     *
     * @param message what is wrong and where: "file: key 'a.b': problem"
     */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a user-facing message and the underlying cause.
     *
     * @param message what is wrong and where
     * @param cause the parser or I/O error
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
