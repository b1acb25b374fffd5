package io.streamvi.model.mcmc;

/**
 * An unnormalised log density ln π(x) + const on ℝ^d with its gradient: the target of
 * {@link Nuts}. Constrained parameters are sampled on an unconstrained scale (a precision τ as
 * u = ln τ), with the log Jacobian of the transformation (here + u) included in the density.
 *
 * <p>Outside the support, or where the density cannot be evaluated, return −∞ (or NaN): the
 * sampler treats that point as having infinite energy, which ends the trajectory as a divergence.
 */
public interface LogDensity {

    /** d, the number of unconstrained coordinates. */
    int dimension();

    /** ln π(x) up to a constant that does not depend on x. */
    double logDensity(double[] x);

    /**
     * ln π(x) as {@link #logDensity}, and its gradient ∇ ln π(x) written into {@code gradOut}
     * (length d, overwritten).
     */
    double logDensityAndGradient(double[] x, double[] gradOut);

    /** The name of coordinate i in summaries ({@code x[i]} unless the model names it). */
    default String parameterName(int i) {
        return "x[" + i + "]";
    }
}
