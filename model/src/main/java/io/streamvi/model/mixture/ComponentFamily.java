package io.streamvi.model.mixture;

import io.streamvi.model.posterior.NamedParameter;
import io.streamvi.model.posterior.ParameterSummary;
import java.util.List;

/**
 * The conjugate prior family of one mixture component, q(μ_k, Λ_k), stored as a block of the flat
 * state in an additive natural parameterisation: the posterior after data with
 * responsibilities r_i is the prior block plus Σ_i r_i t(x_i), so that the SVI step
 * λ ← (1 − ρ) λ + ρ λ̂ is an exact convex combination (Hoffman et al. 2013, Algorithm 1; Bishop
 * 2006, eqs. 10.60–10.63).
 */
sealed interface ComponentFamily permits NormalWishart, NormalGamma {

    CovarianceType covariance();

    /** d, the dimension of an observation. */
    int dimension();

    /** Number of doubles in one component's block. */
    int blockSize();

    /** Writes the prior's block η at {@code offset}. */
    void writePrior(double[] lambda, int offset);

    /**
     * Adds r·t(x) to the block at {@code offset} of {@code accumulator}, x being the d values
     * at {@code xs[xOffset..]}. Matrix statistics are added symmetrically, bit for bit.
     */
    void addStatistics(double r, double[] xs, int xOffset, double[] accumulator, int offset);

    /**
     * The block at {@code offset} as a distribution, with what the local step, the ELBO, the
     * predictive and the summaries need precomputed.
     *
     * @throws OutsideDomainException when the block is not a valid distribution of the family
     */
    Component decode(double[] lambda, int offset);

    /** One decoded component q(μ_k, Λ_k). */
    interface Component {

        /**
         * E_q[ln N(x | μ_k, Λ_k^-1)] for x at {@code xs[xOffset..]} (Bishop 2006, eqs. 10.64–10.66),
         * with {@code scratch} of length ≥ d.
         */
        double expectedLogLikelihood(double[] xs, int xOffset, double[] scratch);

        /** ln of this component's posterior predictive density at x (Bishop 2006, eq. 10.81). */
        double logPredictive(double[] xs, int xOffset, double[] scratch);

        /** KL(q(μ_k, Λ_k) ‖ p(μ_k, Λ_k)) in closed form. */
        double klFromPrior();

        /** The posterior mean of μ_k. */
        double[] mean();

        /** Exact parameters, named with the component index, e.g. {@code m[2]}. */
        List<NamedParameter> parameters(int k);

        /** Marginal summaries {@code mean[k][j]} and {@code covariance[k][j][j]}. */
        List<ParameterSummary> summaries(int k);
    }

    /** A block that is not a valid distribution of its family, with the reason. */
    final class OutsideDomainException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutsideDomainException(String reason) {
            super(reason, null, false, false);
        }
    }
}
