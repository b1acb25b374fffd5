package io.streamvi.model.mixture;

/** The form of each component's covariance and the conjugate prior that goes with it. */
public enum CovarianceType {
    /**
     * A full d×d precision Λ_k ~ Wishart(W0, ν0) and μ_k | Λ_k ~ N(m0, (β0 Λ_k)^-1): the
     * Normal-Wishart of Bishop (2006), §10.2.
     */
    FULL,
    /**
     * Independent dimensions: τ_kj ~ Gamma(a0, b0) (shape, rate) and
     * μ_kj | τ_kj ~ N(m0_j, (β0 τ_kj)^-1), one Normal-Gamma per dimension j.
     */
    DIAGONAL
}
