package io.streamvi.model.observation;

/** A yes/no outcome: a conversion, a click, a failure. */
public record BinaryOutcome(boolean success) implements Observation {
    @Override
    public String nonFiniteField() {
        return null;
    }
}
