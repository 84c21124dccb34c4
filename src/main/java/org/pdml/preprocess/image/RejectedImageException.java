package org.pdml.preprocess.image;

/** An input refused with a typed reason; the message names what was wrong. */
public final class RejectedImageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    /**
     * Creates a refusal.
     *
     * @param reason the typed reason
     * @param message a human-readable explanation naming the offending file or value
     */
    public RejectedImageException(RejectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * Creates a refusal caused by another exception.
     *
     * @param reason the typed reason
     * @param message a human-readable explanation naming the offending file or value
     * @param cause the decoder's exception
     */
    public RejectedImageException(RejectReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * Returns the typed reason.
     *
     * @return why the input was refused
     */
    public RejectReason reason() {
        return reason;
    }
}
