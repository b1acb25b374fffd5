package io.streamvi.model.svi;

/** How a conjugate model folds a minibatch into its state. */
public enum UpdateMode {
    /**
     * Exact streaming Bayes: λ ← η + γ(λ − η) + Σ t(x_i), with γ = 1 unless a half-life is set.
     * The posterior is the closed-form one; the schedule is not used.
     */
    EXACT,
    /**
     * Natural-gradient SVI: λ ← (1 − ρ_t) λ + ρ_t (η + (N/S) Σ t(x_i)) (Hoffman et al. 2013,
     * Algorithm 1 with the local step trivial or solved in closed form).
     */
    SVI,
    /**
     * For mean-field families: the data's sufficient statistics are accumulated exactly
     * (discounted by a half-life if set) and q is fitted to all of them by coordinate ascent
     * (CAVI) to a tolerance after every minibatch: the mean-field optimum of the data seen.
     */
    CAVI
}
