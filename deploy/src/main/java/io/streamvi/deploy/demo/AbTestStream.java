package io.streamvi.deploy.demo;

import io.streamvi.avro.BinaryOutcome;
import io.streamvi.avro.ObservationEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo's built-in event stream: visitors of an A/B/C/D test, each converting with its
 * variant's true rate. Seeded, so every run draws the same visitors.
 */
public final class AbTestStream {

    /** The variants and their true conversion rates. */
    public static final List<String> VARIANTS = List.of("A", "B", "C", "D");
    public static final double[] TRUE_RATES = {0.040, 0.046, 0.055, 0.030};

    private final List<String> models;
    private final SplittableRandom rng;

    public AbTestStream(List<String> models, long seed) {
        this.models = List.copyOf(models);
        this.rng = new SplittableRandom(seed);
    }

    /** The next visitor, as one event per model (every model sees the same visitor). */
    public List<ObservationEvent> next(long eventTime) {
        int v = rng.nextInt(VARIANTS.size());
        boolean converted = rng.nextDouble() < TRUE_RATES[v];
        List<ObservationEvent> events = new ArrayList<>(models.size());
        for (String m : models) {
            events.add(new ObservationEvent(m, VARIANTS.get(v), eventTime, new BinaryOutcome(converted)));
        }
        return events;
    }
}
