package io.streamvi.model.conjugate;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.mcmc.LogDensity;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.RealValue;
import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * The exact log joint density of the Normal model with unknown mean and precision under the
 * Normal-Gamma prior of {@link NormalGamma} (x_i ~ N(μ, 1/τ), μ | τ ~ N(μ0, 1/(κ0τ)),
 * τ ~ Gamma(a0, rate b0)), on the unconstrained coordinates (μ, u = ln τ) with the log Jacobian u:
 * <pre>
 *   ln p(μ, u, x) = a0 ln b0 − ln Γ(a0) + ½ ln κ0 − ((n + 1)/2) ln 2π + (a0 + (n + 1)/2) u
 *                   − e^u (b0 + ½ κ0 (μ − μ0)² + ½ (SS + n (x̄ − μ)²))
 *   ∂/∂μ = e^u (n (x̄ − μ) − κ0 (μ − μ0)),   ∂/∂u = a0 + (n + 1)/2 − e^u (b0 + ½ κ0 (μ − μ0)² + ½ (SS + n (x̄ − μ)²))
 * </pre>
 * with x̄ and SS = Σ(x_i − x̄)² computed once in two passes, so Σ(x_i − μ)² = SS + n(x̄ − μ)²
 * does not cancel for data far from 0. The exact posterior is Normal-Gamma (μ_n, κ_n, a_n, b_n)
 * with marginals μ ~ Student-t(2a_n, μ_n, √(b_n/(a_n κ_n))) and τ ~ Gamma(a_n, b_n), what MCMC
 * on this density must reproduce. Coordinates {@code mu}, {@code log_tau}.
 */
public final class NormalGammaLogPosterior implements LogDensity {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double mu0;
    private final double kappa0;
    private final double b0;
    private final int n;
    private final double mean;
    private final double ss;
    private final double shape;
    private final double constant;

    /** Prior as {@link NormalGamma}'s; {@code data} are {@link RealValue} events with finite values. */
    public NormalGammaLogPosterior(double mu0, double kappa0, double a0, double b0, List<? extends Observation> data) {
        if (!Double.isFinite(mu0)) {
            throw new InvalidParameterException("mu0", mu0, "must be finite");
        }
        this.mu0 = mu0;
        this.kappa0 = InvalidParameterException.requirePositive("kappa0", kappa0);
        InvalidParameterException.requirePositive("a0", a0);
        this.b0 = InvalidParameterException.requirePositive("b0", b0);
        this.n = data.size();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            Observation o = data.get(i);
            String problem = o instanceof RealValue ? Observation.nonFiniteReason(o)
                    : "expects a RealValue payload, got " + o.kind();
            if (problem != null) {
                throw new InvalidParameterException("data[" + i + "]", o.kind(), problem);
            }
            x[i] = ((RealValue) o).value();
        }
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m = n > 0 ? m / n : 0;
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        this.mean = m;
        this.ss = s;
        this.shape = a0 + 0.5 * (n + 1);
        this.constant = a0 * Math.log(b0) - Gamma.logGamma(a0) + 0.5 * Math.log(kappa0) - 0.5 * (n + 1) * LOG_2PI;
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public String parameterName(int i) {
        return i == 0 ? "mu" : "log_tau";
    }

    @Override
    public double logDensity(double[] x) {
        return logDensityAndGradient(x, new double[2]);
    }

    @Override
    public double logDensityAndGradient(double[] x, double[] grad) {
        double mu = x[0];
        double u = x[1];
        double tau = Math.exp(u);
        double dPrior = mu - mu0;
        double dData = mean - mu;
        double rate = b0 + 0.5 * kappa0 * dPrior * dPrior + 0.5 * (ss + n * dData * dData);
        grad[0] = tau * (n * dData - kappa0 * dPrior);
        grad[1] = shape - tau * rate;
        return constant + shape * u - tau * rate;
    }
}
