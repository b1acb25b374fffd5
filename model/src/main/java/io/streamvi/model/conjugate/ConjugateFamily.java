package io.streamvi.model.conjugate;

import io.streamvi.model.check.PredictiveSampler;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.posterior.Posterior;
import java.util.List;

/**
 * A conjugate-exponential model with one global parameter θ: a likelihood p(x | θ) whose
 * sufficient statistics t(x) enter linearly, and a prior in the conjugate family with parameter
 * η. The posterior after observations x_1..x_n is in the same family with λ = η + Σ t(x_i).
 *
 * <p>Parameters are stored in an additive parameterisation (natural parameters shifted by a
 * constant where that reads better, e.g. (α, β) for the Beta). The SVI update is a convex
 * combination in λ and so is unchanged by a constant shift.
 */
public interface ConjugateFamily {

    /** Model type name used in configuration. */
    String type();

    /** Number of parameters in λ. */
    int dimension();

    /** The prior's parameter η (a fresh copy). */
    double[] prior();

    /** Why {@code x} cannot be used (wrong kind or range), or null. Finiteness is checked before. */
    String validate(Observation x);

    /**
     * Adds t(x) to {@code accumulator[0 .. dimension()-1]} and log h(x), the log base measure (the
     * part of log p(x | θ) that does not depend on θ), to {@code accumulator[dimension()]}. Only
     * called with observations that passed {@link #validate}; must not allocate.
     */
    void addStatistics(Observation x, double[] accumulator);

    /**
     * E_q[log p(x_1..x_n | θ)] for q with parameter λ, given only the summed statistics
     * T = Σ t(x_i) followed by Σ log h(x_i) (dimension() + 1 numbers, possibly scaled, as SVI
     * does with N/S).
     */
    double expectedLogLikelihood(double[] lambda, double[] statistics);

    /**
     * Posterior predictive summaries of a new observation under q_λ (empty when the family has
     * no single natural target to predict).
     */
    default List<ParameterSummary> predictive(double[] lambda) {
        return List.of();
    }

    /** KL(q_λ ‖ p_η) in closed form. */
    double klFromPrior(double[] lambda);

    /** Why λ is outside the family's parameter domain, or null when it is a valid distribution. */
    String checkDomain(double[] lambda);

    /** Exact parameters and marginal summaries of q_λ. */
    Posterior posterior(double[] lambda);

    /** ELBO(λ) = E_q[log p(x | θ)] − KL(q ‖ prior) for data with summed statistics T. */
    default double elbo(double[] lambda, double[] statistics) {
        return expectedLogLikelihood(lambda, statistics) - klFromPrior(lambda);
    }

    /**
     * A sampler of the posterior predictive under q_λ: θ ~ q_λ, then y ~ p(y | θ) like a given
     * observation (posterior predictive checks).
     */
    PredictiveSampler predictiveSampler(double[] lambda);
}
