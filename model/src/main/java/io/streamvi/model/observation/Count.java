package io.streamvi.model.observation;

/**
 * A count of events over an exposure (time interval, area, trials), so that counts over
 * different intervals combine correctly.
 */
public record Count(long count, double exposure) implements Observation {
    @Override
    public String nonFiniteField() {
        return Double.isFinite(exposure) ? null : "exposure";
    }
}
