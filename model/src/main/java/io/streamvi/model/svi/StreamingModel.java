package io.streamvi.model.svi;

import io.streamvi.model.observation.Observation;
import io.streamvi.model.posterior.Posterior;
import java.util.List;

/**
 * A configured model that keeps one posterior per entity key from a stream of observations.
 * Implementations are immutable; {@link #update} is a pure function, so replaying the same
 * observations in the same minibatches reproduces the same states bit for bit.
 */
public interface StreamingModel {

    /** The model type name used in configuration, e.g. {@code beta-bernoulli}. */
    String type();

    /**
     * Why {@code observation} cannot be used by this model (wrong payload kind, out-of-range or
     * non-finite value), or null when it can.
     */
    String validate(Observation observation);

    /** The state before any data: the prior. */
    VariationalState initialState();

    /**
     * Folds a minibatch of validated observations into {@code state}. When the result is not
     * finite or leaves the parameter domain, the returned state is {@code state} itself and the
     * diagnostics say why.
     *
     * @param seed the stream's seed, derived by the caller from (model name, entity key); models
     *     that draw random numbers mix in the step number ({@link Seeds#forStep}), so that
     *     replaying a topic reproduces every draw
     */
    StepResult update(VariationalState state, List<? extends Observation> batch, long seed);

    /** {@link #update(VariationalState, List, long)} with seed 0, for models that draw nothing. */
    default StepResult update(VariationalState state, List<? extends Observation> batch) {
        return update(state, batch, 0L);
    }

    /**
     * The fewest observations a key's first minibatch may hold (a partial first minibatch with
     * fewer is not applied by a flush). 1 for most models; a mixture needs at least one point per
     * component to initialise from.
     */
    default int minimumFirstBatch() {
        return 1;
    }

    /** The variational distribution of {@code state}: exact parameters and per-parameter summaries. */
    Posterior posterior(VariationalState state);
}
