package io.streamvi.model.observation;

/** Which of K outcomes happened, as an index 0..K−1. */
public record Category(int index) implements Observation {
    @Override
    public String nonFiniteField() {
        return null;
    }
}
