package io.streamvi.model.meanfield;

import io.streamvi.model.check.PredictiveSampler;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.posterior.Posterior;
import java.util.List;

/**
 * A model whose data enter only through additive sufficient statistics T = Σ t(x_i), with a
 * factorised variational family q = Π_j q_j whose factors are each in a conjugate family given
 * the others (conditionally conjugate; Blei, Kucukelbir & McAuliffe 2017, §4). q is held as the
 * concatenated natural parameters of its factors, in an additive form, so that convex
 * combinations (SVI steps) stay exact.
 */
public interface MeanFieldFamily {

    /** Model type name used in configuration. */
    String type();

    /** Length of T, the last slot being Σ log h(x_i) (the base measure). */
    int statisticsDimension();

    /** Length of q's parameter vector. */
    int variationalDimension();

    /** Why {@code x} cannot be used, or null. Finiteness is checked before. */
    String validate(Observation x);

    /** Adds t(x) (and log h(x) in the last slot) to {@code acc}; must not allocate. */
    void addStatistics(Observation x, double[] acc);

    /** q before any data (usually the prior, factor by factor). */
    double[] initialVariational();

    /**
     * One natural-gradient step on every factor in turn, each from the others' current
     * expectations: q_j ← (1 − ρ) q_j + ρ q̂_j(T, q_−j). With ρ = 1 this is one CAVI sweep.
     * {@code t} are statistics of (or scaled to stand for) the data; updates {@code q} in place.
     */
    void step(double[] t, double rho, double[] q);

    /** ELBO(q) for data with statistics {@code t}, base measure included. */
    double elbo(double[] q, double[] t);

    /** Why q is not a valid distribution, or null. */
    String checkDomain(double[] q);

    /** Exact parameters and marginal summaries of q. */
    Posterior posterior(double[] q);

    /** Posterior predictive summaries under q (may be empty). */
    default List<ParameterSummary> predictive(double[] q) {
        return List.of();
    }

    /** A sampler of the posterior predictive under the factorised q: θ ~ q, then y ~ p(y | θ). */
    PredictiveSampler predictiveSampler(double[] q);
}
