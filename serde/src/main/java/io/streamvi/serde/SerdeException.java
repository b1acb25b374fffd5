package io.streamvi.serde;

/** Bytes that are not a valid record of the expected type, with the reason. */
public final class SerdeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SerdeException(String message, Throwable cause) {
        super(message, cause);
    }

    public SerdeException(String message) {
        super(message);
    }
}
