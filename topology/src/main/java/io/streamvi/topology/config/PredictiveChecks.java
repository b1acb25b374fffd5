package io.streamvi.topology.config;

import java.util.List;

/**
 * Posterior predictive checks per key ({@link io.streamvi.model.check.PredictiveCheck}): the last
 * {@code window} observations are kept with the key's state; every snapshot then carries, for
 * each test statistic that fits the model, the Bayesian p-value of the window against
 * {@code replications} replicated windows drawn from the posterior predictive, and a flag when
 * one is below {@code threshold} or above 1 − {@code threshold}.
 *
 * @param enabled whether snapshots carry the checks
 * @param window the observations kept per key (the window is part of the stored state)
 * @param replications replicated data sets per check (Monte Carlo error of p at most ½/√R)
 * @param threshold the two-sided flagging level
 */
public record PredictiveChecks(boolean enabled, int window, int replications, double threshold) {

    public static final PredictiveChecks DISABLED = new PredictiveChecks(false, 0, 0, 0);

    /** {@code recent} followed by {@code batch}, cut to the newest {@link #window} (in place). */
    public <T> void append(List<T> recent, List<? extends T> batch) {
        recent.addAll(batch);
        int excess = recent.size() - window;
        if (excess > 0) {
            recent.subList(0, excess).clear();
        }
    }
}
