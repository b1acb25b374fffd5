package io.streamvi.model.mixture;

import io.streamvi.model.InvalidParameterException;

/**
 * The prior of a Bayesian Gaussian mixture with K components in d dimensions:
 * π ~ Dirichlet(α0·1) and, per component, a Normal-Wishart ({@link #full}) or a Normal-Gamma per
 * dimension ({@link #diagonal}). Construction validates every field and names it in the
 * {@link InvalidParameterException}.
 */
public final class MixturePrior {

    private final int components;
    private final double alpha0;
    private final ComponentFamily family;

    private MixturePrior(int components, double alpha0, ComponentFamily family) {
        this.components = components;
        this.alpha0 = alpha0;
        this.family = family;
    }

    /**
     * Full covariance: Λ_k ~ Wishart(W0, ν0) with W0^-1 = ψ0·I, μ_k | Λ_k ~ N(m0, (β0 Λ_k)^-1).
     * The prior mean of the covariance is E[Σ_k] = ψ0 I / (ν0 − d − 1) when ν0 &gt; d + 1.
     *
     * @param components K ≥ 1
     * @param alpha0 Dirichlet concentration α0 &gt; 0
     * @param m0 prior mean of every μ_k; its length is the dimension d ≥ 1
     * @param beta0 β0 &gt; 0, the prior's pseudo-count for the means
     * @param psi0 ψ0 &gt; 0, the scale of W0^-1 = ψ0·I
     * @param nu0 ν0 &gt; d − 1, the Wishart degrees of freedom
     */
    public static MixturePrior full(int components, double alpha0, double[] m0, double beta0, double psi0,
            double nu0) {
        validateCommon(components, alpha0, m0, beta0);
        InvalidParameterException.requirePositive("psi0", psi0);
        int d = m0.length;
        if (!(nu0 > d - 1) || !Double.isFinite(nu0)) {
            throw new InvalidParameterException("nu0", nu0, "must be finite and > dimension - 1 = " + (d - 1));
        }
        return new MixturePrior(components, alpha0, new NormalWishart(m0, beta0, psi0, nu0));
    }

    /**
     * Diagonal covariance: per dimension j, τ_kj ~ Gamma(a0, b0) (shape, rate) and
     * μ_kj | τ_kj ~ N(m0_j, (β0 τ_kj)^-1).
     *
     * @param components K ≥ 1
     * @param alpha0 Dirichlet concentration α0 &gt; 0
     * @param m0 prior mean of every μ_k; its length is the dimension d ≥ 1
     * @param beta0 β0 &gt; 0
     * @param a0 Gamma shape a0 &gt; 0
     * @param b0 Gamma rate b0 &gt; 0
     */
    public static MixturePrior diagonal(int components, double alpha0, double[] m0, double beta0, double a0,
            double b0) {
        validateCommon(components, alpha0, m0, beta0);
        InvalidParameterException.requirePositive("a0", a0);
        InvalidParameterException.requirePositive("b0", b0);
        return new MixturePrior(components, alpha0, new NormalGamma(m0, beta0, a0, b0));
    }

    private static void validateCommon(int components, double alpha0, double[] m0, double beta0) {
        if (components < 1) {
            throw new InvalidParameterException("components", components, "must be >= 1");
        }
        InvalidParameterException.requirePositive("alpha0", alpha0);
        if (m0 == null || m0.length < 1) {
            throw new InvalidParameterException("dimension", m0 == null ? 0 : m0.length, "must be >= 1");
        }
        for (int j = 0; j < m0.length; j++) {
            if (!Double.isFinite(m0[j])) {
                throw new InvalidParameterException("m0[" + j + "]", m0[j], "must be finite");
            }
        }
        InvalidParameterException.requirePositive("beta0", beta0);
    }

    /** K, the number of components. */
    public int components() {
        return components;
    }

    /** d, the dimension of an observation. */
    public int dimension() {
        return family.dimension();
    }

    /** The symmetric Dirichlet concentration α0. */
    public double alpha0() {
        return alpha0;
    }

    public CovarianceType covariance() {
        return family.covariance();
    }

    ComponentFamily family() {
        return family;
    }
}
