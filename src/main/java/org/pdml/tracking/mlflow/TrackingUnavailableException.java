package org.pdml.tracking.mlflow;

/** The tracking server cannot be used: unreachable, rejecting credentials, or misconfigured. */
public final class TrackingUnavailableException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what failed and what the user can do, without secrets
     * @param cause the underlying error, or null
     */
    public TrackingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
