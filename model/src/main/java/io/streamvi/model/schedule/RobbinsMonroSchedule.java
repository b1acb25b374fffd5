package io.streamvi.model.schedule;

import io.streamvi.model.InvalidParameterException;

/**
 * ρ_t = max(ρ_min, (τ0 + t)^(−κ)), t = 1, 2, ... (Hoffman et al. 2013, eq. 26).
 *
 * <p>With κ ∈ (0.5, 1] the sequence satisfies the Robbins–Monro conditions Σρ_t = ∞, Σρ_t² < ∞,
 * so SVI converges to a local optimum of the ELBO on a stationary stream. τ0 ≥ 0 slows the early
 * steps down (τ0 = 0 makes the first step ρ_1 = 1, which replaces the prior entirely by the first
 * minibatch's estimate). A floor ρ_min &gt; 0 breaks the Robbins–Monro conditions on purpose: the
 * state then becomes an exponentially weighted average that keeps following a drifting stream,
 * with memory of about 1/ρ_min steps.
 *
 * @param tau0 delay τ0 ≥ 0
 * @param kappa forgetting rate κ ∈ (0.5, 1]
 * @param rhoMin floor ρ_min ∈ [0, 1)
 */
public record RobbinsMonroSchedule(double tau0, double kappa, double rhoMin) implements StepSchedule {

    public RobbinsMonroSchedule {
        if (!(tau0 >= 0) || !Double.isFinite(tau0)) {
            throw new InvalidParameterException("tau0", tau0, "must be finite and >= 0");
        }
        if (!(kappa > 0.5 && kappa <= 1.0)) {
            throw new InvalidParameterException("kappa", kappa, "must be in (0.5, 1]");
        }
        if (!(rhoMin >= 0 && rhoMin < 1.0)) {
            throw new InvalidParameterException("rhoMin", rhoMin, "must be in [0, 1)");
        }
    }

    /** The schedule without a floor. */
    public static RobbinsMonroSchedule of(double tau0, double kappa) {
        return new RobbinsMonroSchedule(tau0, kappa, 0.0);
    }

    @Override
    public double rho(long t) {
        if (t < 1) {
            throw new InvalidParameterException("t", t, "steps are counted from 1");
        }
        return Math.max(rhoMin, Math.pow(tau0 + t, -kappa));
    }
}
