package io.streamvi.model.regression;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.mcmc.LogDensity;
import io.streamvi.model.observation.Observation;
import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * The exact log joint density of Bayesian linear regression with unknown noise precision, the
 * model of {@link NormalGammaLinearRegression} (y_i = z_iᵀw + ε_i, ε_i ~ N(0, 1/τ),
 * τ ~ Gamma(a0, b0), w | τ ~ N(m0, (τΛ0)⁻¹)), on the unconstrained coordinates (w, u = ln τ)
 * with the log Jacobian u of τ = e^u:
 * <pre>
 *   ln p(w, u, y) = a0 ln b0 − ln Γ(a0) + (a0 + (n + p)/2) u − e^u (b0 + ½Q + ½R) − ((n + p)/2) ln 2π + ½ Σ_j ln λ0_j
 *   Q = Σ_j λ0_j (w_j − m0_j)²,   R = Σ_i (y_i − z_iᵀw)²
 *   ∂/∂w = e^u (Σ_i (y_i − z_iᵀw) z_i − Λ0(w − m0)),   ∂/∂u = a0 + (n + p)/2 − e^u (b0 + ½Q + ½R)
 * </pre>
 * All normalising constants are kept, so ln p(w, u, y) − ln p(w, u | y) is the log evidence.
 * Coordinates: the coefficients as in snapshots, then {@code log_tau}.
 */
public final class NormalGammaRegressionLogPosterior implements LogDensity {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final Design design;
    private final RegressionData data;
    private final double b0;
    private final double[] priorMean;
    private final double[] priorPrecision;
    private final double shape;
    private final double constant;

    /** Arguments as {@link NormalGammaLinearRegression}'s (m0 and λ0: one value broadcast, or p). */
    public NormalGammaRegressionLogPosterior(Design design, double a0, double b0, double[] priorMean,
            double[] priorPrecision, List<? extends Observation> data) {
        this.design = design;
        InvalidParameterException.requirePositive("noise.shape", a0);
        this.b0 = InvalidParameterException.requirePositive("noise.rate", b0);
        int p = design.size();
        this.priorMean = Priors.expand("mean", priorMean, p, false);
        this.priorPrecision = Priors.expand("precision", priorPrecision, p, true);
        this.data = RegressionData.of(design, data);
        double half = 0.5 * (this.data.size() + p);
        this.shape = a0 + half;
        double c = a0 * Math.log(b0) - Gamma.logGamma(a0) - half * LOG_2PI;
        for (double l : this.priorPrecision) {
            c += 0.5 * Math.log(l);
        }
        this.constant = c;
    }

    @Override
    public int dimension() {
        return design.size() + 1;
    }

    @Override
    public String parameterName(int i) {
        return i < design.size() ? design.name(i) : "log_tau";
    }

    @Override
    public double logDensity(double[] x) {
        return logDensityAndGradient(x, new double[x.length]);
    }

    @Override
    public double logDensityAndGradient(double[] x, double[] grad) {
        int p = design.size();
        double u = x[p];
        double tau = Math.exp(u);
        double q = 0;
        for (int j = 0; j < p; j++) {
            double d = x[j] - priorMean[j];
            q += priorPrecision[j] * d * d;
            grad[j] = -priorPrecision[j] * d;
        }
        double rss = 0;
        for (int i = 0; i < data.size(); i++) {
            double r = data.y(i) - data.eta(i, x);
            rss += r * r;
            data.addRow(i, r, grad);
        }
        for (int j = 0; j < p; j++) {
            grad[j] *= tau;
        }
        double rate = b0 + 0.5 * q + 0.5 * rss;
        grad[p] = shape - tau * rate;
        return constant + shape * u - tau * rate;
    }
}
