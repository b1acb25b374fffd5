package io.streamvi.model.check;

import io.streamvi.model.observation.Observation;
import org.hipparchus.random.RandomDataGenerator;

/** Draws from the posterior predictive of one fitted q. */
public interface PredictiveSampler {

    /** θ ~ q, in the model's own parameterisation (only {@link #drawObservation} reads it). */
    double[] drawParameters(RandomDataGenerator rng);

    /**
     * y_rep ~ p(y | θ) for an observation like {@code like}: the same kind, covariates and exposure,
     * a fresh outcome.
     */
    Observation drawObservation(double[] theta, Observation like, RandomDataGenerator rng);
}
