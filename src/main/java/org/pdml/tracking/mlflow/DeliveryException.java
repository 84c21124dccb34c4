package org.pdml.tracking.mlflow;

/**
 * A spool group could not be delivered. {@link #retryable()} tells the sender whether to back off
 * and try again (server gone, 5xx, 429) or to stop because the server refuses the data for good
 * (any other 4xx).
 */
final class DeliveryException extends Exception {

    private final boolean retryable;

    /**
     * Creates the exception.
     *
     * @param message what was being delivered and why it failed, without secrets
     * @param retryable whether trying again later can succeed
     * @param cause the client's error
     */
    DeliveryException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /**
     * Whether trying again later can succeed.
     *
     * @return true for transport errors, 5xx and 429
     */
    boolean retryable() {
        return retryable;
    }
}
