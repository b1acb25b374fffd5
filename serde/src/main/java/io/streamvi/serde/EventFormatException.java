package io.streamvi.serde;

/** A JSON event that does not match the {@code ObservationEvent} contract; the message names the field. */
public final class EventFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EventFormatException(String message) {
        super(message);
    }
}
