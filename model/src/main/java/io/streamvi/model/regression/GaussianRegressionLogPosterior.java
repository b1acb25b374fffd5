package io.streamvi.model.regression;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.mcmc.LogDensity;
import io.streamvi.model.observation.Observation;
import java.util.List;

/**
 * The exact log joint density of Bayesian linear regression with known noise precision β, the
 * model of {@link GaussianLinearRegression}: y_i = z_iᵀw + ε_i, ε_i ~ N(0, 1/β), w ~ N(m0, diag(s0²)):
 * <pre>
 *   ln p(w, y) = ½ Σ_j ln(λ0_j/2π) − ½ Σ_j λ0_j (w_j − m0_j)² + (n/2) ln(β/2π) − (β/2) Σ_i (y_i − z_iᵀw)²
 *   ∇_w = −Λ0(w − m0) + β Σ_i (y_i − z_iᵀw) z_i,          λ0_j = 1/s0_j²
 * </pre>
 * with all normalising constants, so that ln p(w, y) − ln p(w | y) is the log evidence. Residuals
 * are summed event by event (O(np) per evaluation) rather than through Σ zzᵀ, which would cancel
 * catastrophically for targets far from 0. Coordinates are named as in snapshots.
 */
public final class GaussianRegressionLogPosterior implements LogDensity {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final Design design;
    private final RegressionData data;
    private final double beta;
    private final double[] priorMean;
    private final double[] priorPrecision;
    private final double constant;

    /** Arguments as {@link GaussianLinearRegression}'s (m0 and s0: one value broadcast, or p). */
    public GaussianRegressionLogPosterior(Design design, double noiseVariance, double[] priorMean, double[] priorSd,
            List<? extends Observation> data) {
        this.design = design;
        this.beta = 1.0 / InvalidParameterException.requirePositive("noise.variance", noiseVariance);
        int p = design.size();
        this.priorMean = Priors.expand("mean", priorMean, p, false);
        double[] sd = Priors.expand("sd", priorSd, p, true);
        this.priorPrecision = new double[p];
        double c = 0;
        for (int j = 0; j < p; j++) {
            priorPrecision[j] = 1 / (sd[j] * sd[j]);
            c += 0.5 * (Math.log(priorPrecision[j]) - LOG_2PI);
        }
        this.data = RegressionData.of(design, data);
        this.constant = c + 0.5 * this.data.size() * (Math.log(beta) - LOG_2PI);
    }

    @Override
    public int dimension() {
        return design.size();
    }

    @Override
    public String parameterName(int i) {
        return design.name(i);
    }

    @Override
    public double logDensity(double[] w) {
        return logDensityAndGradient(w, new double[w.length]);
    }

    @Override
    public double logDensityAndGradient(double[] w, double[] grad) {
        double lp = constant;
        for (int j = 0; j < w.length; j++) {
            double d = w[j] - priorMean[j];
            lp -= 0.5 * priorPrecision[j] * d * d;
            grad[j] = -priorPrecision[j] * d;
        }
        double rss = 0;
        for (int i = 0; i < data.size(); i++) {
            double r = data.y(i) - data.eta(i, w);
            rss += r * r;
            data.addRow(i, beta * r, grad);
        }
        return lp - 0.5 * beta * rss;
    }
}
