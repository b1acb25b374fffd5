package io.streamvi.model.mcmc;

/**
 * Nesterov's dual averaging of ln ε (Nesterov 2009, "Primal-dual subgradient methods for convex
 * problems", Math. Program. 120) as Hoffman &amp; Gelman (2014, §3.2.1, Algorithm 5) adapt it and
 * Stan implements it ({@code stepsize_adaptation}): after iteration m with acceptance statistic
 * α_m (capped at 1),
 * <pre>
 *   H̄_m = (1 − 1/(m + t0)) H̄_{m−1} + (δ − α_m)/(m + t0)
 *   ln ε_m = μ − √m H̄_m / γ
 *   ln ε̄_m = m^(−κ) ln ε_m + (1 − m^(−κ)) ln ε̄_{m−1}
 * </pre>
 * with γ = 0.05, t0 = 10, κ = 0.75, μ = ln(10 ε0); the warm-up ends with ε = ε̄. The sampler
 * restarts it (m = 0, H̄ = 0, ln ε̄ = 0) with a new μ after every metric update.
 */
final class StepSizeAdaptation {

    private static final double GAMMA = 0.05;
    private static final double T0 = 10;
    private static final double KAPPA = 0.75;

    private final double delta;
    private double mu;
    private double counter;
    private double sBar;
    private double xBar;

    StepSizeAdaptation(double delta) {
        this.delta = delta;
    }

    void setMu(double mu) {
        this.mu = mu;
    }

    void restart() {
        counter = 0;
        sBar = 0;
        xBar = 0;
    }

    /** The step size to use next, after an iteration whose acceptance statistic was {@code acceptStat}. */
    double learn(double acceptStat) {
        counter++;
        double a = Math.min(acceptStat, 1.0);
        double eta = 1.0 / (counter + T0);
        sBar = (1.0 - eta) * sBar + eta * (delta - a);
        double x = mu - sBar * Math.sqrt(counter) / GAMMA;
        double xEta = Math.pow(counter, -KAPPA);
        xBar = (1.0 - xEta) * xBar + xEta * x;
        return Math.exp(x);
    }

    /** ε̄ = exp(ln ε̄_m), the step size kept after the warm-up. */
    double adaptedStepSize() {
        return Math.exp(xBar);
    }
}
