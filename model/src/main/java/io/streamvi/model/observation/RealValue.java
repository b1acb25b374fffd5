package io.streamvi.model.observation;

/** A real-valued measurement: a sensor reading, a latency, a price. */
public record RealValue(double value) implements Observation {
    @Override
    public String nonFiniteField() {
        return Double.isFinite(value) ? null : "value";
    }
}
