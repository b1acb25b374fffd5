package io.streamvi.model.evaluation;

import io.streamvi.model.InvalidParameterException;

/**
 * The generalised Pareto distribution of excesses x ≥ 0 over a threshold, with shape k and scale
 * σ: F(x) = 1 − (1 + kx/σ)^(−1/k). For k &gt; 0 its moments of order ≥ 1/k are infinite: k is the
 * tail's heaviness.
 *
 * <p>{@link #fit} is the estimator of Zhang &amp; Stephens (2009), "A new and efficient estimation
 * method for the generalized Pareto distribution", Technometrics 51(3):316–325, with the weakly
 * informative prior of Vehtari et al. (2024, PSIS, §3 and appendix), exactly as the R package
 * {@code loo} 2.5.1 ({@code gpdfit}) computes it. In their parameterisation θ = −k/σ, the profile
 * log-likelihood of θ is n·ℓ(θ) with k(θ) = mean ln(1 − θx_i) and ℓ(θ) = ln(−θ/k(θ)) − k(θ) − 1
 * (loo's sign convention: k here is −k of Zhang &amp; Stephens). On the grid of m = 30 + ⌊√n⌋ points
 * <pre>
 *   θ_j = 1/x_(n) + (1 − √(m/(j − ½))) / (3 x_(⌊n/4 + ½⌋)),   j = 1..m
 * </pre>
 * (x sorted; the second term is a quantile-based prior scale), the posterior mean θ̂ = Σ θ_j w_j
 * with w_j ∝ exp(n ℓ(θ_j)) gives k̂ = mean ln(1 − θ̂ x_i) and σ̂ = −k̂/θ̂. The prior, normal on k
 * centred on 0.5 with the weight of 10 observations, then shrinks k̂ to (n k̂ + 10 · 0.5)/(n + 10),
 * which steadies k̂ for short tails.
 *
 * @param k the shape
 * @param sigma the scale
 */
public record GeneralizedPareto(double k, double sigma) {

    private static final double PRIOR_SCALE = 3;
    private static final int MIN_GRID = 30;
    private static final double PRIOR_WEIGHT = 10;
    private static final double PRIOR_K = 0.5;

    /**
     * Fits excesses {@code x} (sorted ascending, all ≥ 0, the largest &gt; 0) with the weakly
     * informative prior on k.
     */
    public static GeneralizedPareto fit(double[] x) {
        return fit(x, true);
    }

    /** As {@link #fit(double[])}; {@code regularised = false} gives Zhang &amp; Stephens' estimate alone. */
    public static GeneralizedPareto fit(double[] x, boolean regularised) {
        int n = x.length;
        if (n < 5) {
            throw new InvalidParameterException("excesses", n + " values", "needs at least 5");
        }
        for (int i = 0; i < n; i++) {
            if (!(x[i] >= 0) || !Double.isFinite(x[i]) || (i > 0 && x[i] < x[i - 1])) {
                throw new InvalidParameterException("excesses[" + i + "]", x[i], "must be finite, >= 0 and sorted");
            }
        }
        if (!(x[n - 1] > 0)) {
            throw new InvalidParameterException("excesses", "all 0", "needs a positive excess");
        }
        int m = MIN_GRID + (int) Math.floor(Math.sqrt(n));
        double xStar = x[(int) Math.floor(n / 4.0 + 0.5) - 1];
        double[] theta = new double[m];
        double[] logLik = new double[m];
        double maxLogLik = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            theta[j] = 1 / x[n - 1] + (1 - Math.sqrt(m / (j + 1 - 0.5))) / PRIOR_SCALE / xStar;
            double kj = meanLog1p(-theta[j], x);
            logLik[j] = n * (Math.log(-theta[j] / kj) - kj - 1);
            maxLogLik = Math.max(maxLogLik, logLik[j]);
        }
        double sumW = 0;
        double thetaHat = 0;
        for (int j = 0; j < m; j++) {
            double w = Math.exp(logLik[j] - maxLogLik);
            sumW += w;
            thetaHat += theta[j] * w;
        }
        thetaHat /= sumW;
        double k = meanLog1p(-thetaHat, x);
        double sigma = -k / thetaHat;
        if (regularised) {
            k = (n * k + PRIOR_WEIGHT * PRIOR_K) / (n + PRIOR_WEIGHT);
        }
        return new GeneralizedPareto(Double.isNaN(k) ? Double.POSITIVE_INFINITY : k, sigma);
    }

    /** mean over i of ln(1 + a x_i). */
    private static double meanLog1p(double a, double[] x) {
        double s = 0;
        for (double v : x) {
            s += Math.log1p(a * v);
        }
        return s / x.length;
    }

    /** The quantile F⁻¹(p) = σ((1 − p)^(−k) − 1)/k (−σ ln(1 − p) at k = 0). */
    public double quantile(double p) {
        if (k == 0) {
            return -sigma * Math.log1p(-p);
        }
        return sigma * Math.expm1(-k * Math.log1p(-p)) / k;
    }
}
