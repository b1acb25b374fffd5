package io.streamvi.model.check;

import io.streamvi.model.svi.VariationalState;

/**
 * A model whose posterior predictive can be simulated: θ ~ q(θ) from a state, then a replicated
 * observation y_rep ~ p(y | θ, covariates) for each observation of a window.
 */
public interface PredictiveReplicator {

    /** A sampler for the q of {@code state} (factorisations done once, draws many). */
    PredictiveSampler predictiveSampler(VariationalState state);
}
