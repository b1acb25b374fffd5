package io.streamvi.model.mcmc;

import io.streamvi.model.InvalidParameterException;
import java.util.Arrays;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.stat.StatUtils;
import org.hipparchus.stat.descriptive.rank.Percentile;
import org.hipparchus.stat.ranking.NaNStrategy;
import org.hipparchus.stat.ranking.NaturalRanking;
import org.hipparchus.stat.ranking.TiesStrategy;

/**
 * Convergence diagnostics of MCMC draws after Vehtari, Gelman, Simpson, Carpenter &amp; Bürkner
 * (2021), "Rank-normalization, folding, and localization: an improved R̂ for assessing
 * convergence of MCMC", Bayesian Analysis 16(2):667–718, computed as the R package
 * {@code posterior} 1.4.0 computes them (the tests compare with its output). Input:
 * {@code x[chain][draw]}, M chains of equal length N.
 *
 * <p><b>Split chains.</b> Every chain is cut into its first and last ⌊N/2⌋ draws (an odd middle
 * draw is dropped), so that a trend within a chain shows up as disagreement between halves.
 *
 * <p><b>Rank normalisation.</b> z = Φ⁻¹((r − 3/8)/(S + 1/4)) with r the rank of the draw among all S
 * draws (ties averaged; Blom 1958): R̂ and ESS of z work for heavy tails and do not need finite
 * moments. The <em>folded</em> draws |θ − median θ| carry the scale, so their R̂ catches chains that
 * agree in location but not in spread.
 *
 * <p><b>R̂</b> of M split chains of length n: W = mean within-chain variance, B/n = variance of the
 * chain means, R̂ = √(((n − 1)/n · W + B/n) / W). Reported: max(R̂ of z, R̂ of folded z); below
 * 1.01 is the paper's recommendation.
 *
 * <p><b>ESS</b> (Geyer 1992, "Practical Markov chain Monte Carlo", Statist. Sci. 7; Vehtari et al.
 * §3.2): with per-chain autocovariances γ_c(t) = (1/n) Σ_i (x_i − x̄_c)(x_{i+t} − x̄_c), W' = mean_c γ_c(0)
 * · n/(n − 1), var⁺ = (n − 1)/n · W' + var(chain means), ρ̂_t = 1 − (W' − mean_c γ_c(t)) / var⁺;
 * sums of pairs ρ̂_{2k} + ρ̂_{2k+1} are taken while positive (initial positive sequence) and made
 * monotone (initial monotone sequence); τ̂ = −1 + 2 Σ_{t &lt; T} ρ̂_t + ρ̂_T, bounded below by
 * 1/log₁₀(S), and ESS = S/τ̂. Bulk ESS: of the rank-normalised split chains; tail ESS: the smaller
 * ESS of the indicators I(θ ≤ q₀.₀₅) and I(θ ≤ q₀.₉₅); mean ESS: of the split chains as they are.
 * Autocovariances are summed directly, lag by lag, only as far as the initial positive sequence
 * reaches (the FFT of {@code posterior} gives the same numbers for all lags at once).
 *
 * <p><b>MCSE.</b> Of the mean: sd/√ESS_mean. Of the sd, by the delta method: with c = θ − θ̄,
 * Var(mean c²) ≈ (mean c⁴ − (mean c²)²)/ESS_mean(c²) and MCSE = √(that / (4 mean c²)).
 *
 * <p>Quantiles are R's type 7 (Hipparchus {@link Percentile.EstimationType#R_7}), Φ⁻¹ is
 * Hipparchus' normal quantile. Constant or non-finite input gives NaN, as {@code posterior}
 * gives NA.
 */
public final class ConvergenceDiagnostics {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);
    private static final double MACHINE_EPSILON = Math.ulp(1.0);

    private ConvergenceDiagnostics() {
    }

    /** Rank-normalised split R̂: max of bulk and tail (folded) R̂. */
    public static double rhat(double[][] x) {
        validate(x);
        double bulk = basicRhat(zScale(split(x)));
        double tail = basicRhat(zScale(split(fold(x))));
        return Math.max(bulk, tail);
    }

    /** Split R̂ of the draws as they are (Gelman et al. 2013, BDA3 §11.4), without ranks. */
    public static double splitRhat(double[][] x) {
        validate(x);
        return basicRhat(split(x));
    }

    /** Bulk effective sample size: ESS of the rank-normalised split chains. */
    public static double essBulk(double[][] x) {
        validate(x);
        return basicEss(zScale(split(x)));
    }

    /** Tail effective sample size: min of the ESS of I(θ ≤ q₀.₀₅) and of I(θ ≤ q₀.₉₅). */
    public static double essTail(double[][] x) {
        validate(x);
        return Math.min(essQuantile(x, 0.05), essQuantile(x, 0.95));
    }

    /** ESS of the indicator I(θ ≤ q_prob) on split chains: how well the quantile q_prob is estimated. */
    public static double essQuantile(double[][] x, double prob) {
        validate(x);
        if (!(prob > 0 && prob <= 1)) {
            throw new InvalidParameterException("prob", prob, "must be in (0, 1]");
        }
        double[] all = pooled(x);
        if (shouldReturnNaN(all)) {
            return Double.NaN;
        }
        if (prob == 1) {
            prob = (all.length - 0.5) / all.length;
        }
        double q = quantile(all, prob);
        double[][] indicator = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            indicator[c] = new double[x[c].length];
            for (int i = 0; i < x[c].length; i++) {
                indicator[c][i] = x[c][i] <= q ? 1 : 0;
            }
        }
        return basicEss(split(indicator));
    }

    /** ESS of the split chains as they are: the ESS behind the MCSE of the mean. */
    public static double essMean(double[][] x) {
        validate(x);
        return basicEss(split(x));
    }

    /** Monte Carlo standard error of the mean, sd / √ESS_mean. */
    public static double mcseMean(double[][] x) {
        validate(x);
        return sd(pooled(x)) / Math.sqrt(essMean(x));
    }

    /** Monte Carlo standard error of the sd, by the delta method on the variance. */
    public static double mcseSd(double[][] x) {
        validate(x);
        double mean = mean(pooled(x));
        double[][] c2 = new double[x.length][];
        double sum2 = 0;
        double sum4 = 0;
        long s = 0;
        for (int c = 0; c < x.length; c++) {
            c2[c] = new double[x[c].length];
            for (int i = 0; i < x[c].length; i++) {
                double d = x[c][i] - mean;
                c2[c][i] = d * d;
                sum2 += d * d;
                sum4 += d * d * d * d;
                s++;
            }
        }
        double ess = essMean(c2);
        double eVar = sum2 / s;
        double varVar = (sum4 / s - eVar * eVar) / ess;
        return Math.sqrt(varVar / eVar / 4);
    }

    /** The default summary of one parameter. */
    public static DrawsSummary summarise(String name, double[][] x) {
        validate(x);
        double[] all = pooled(x);
        return new DrawsSummary(name, mean(all), sd(all), mcseMean(x), mcseSd(x), quantile(all, 0.05),
                quantile(all, 0.5), quantile(all, 0.95), rhat(x), essBulk(x), essTail(x));
    }

    /** The R type-7 quantile of {@code values} at {@code prob} ∈ (0, 1]. */
    public static double quantile(double[] values, double prob) {
        return new Percentile(prob * 100).withEstimationType(Percentile.EstimationType.R_7).evaluate(values);
    }

    private static void validate(double[][] x) {
        if (x == null || x.length == 0) {
            throw new InvalidParameterException("chains", x == null ? null : 0, "needs at least one chain");
        }
        int n = x[0].length;
        for (int c = 0; c < x.length; c++) {
            if (x[c].length != n) {
                throw new InvalidParameterException("chains[" + c + "]", x[c].length + " draws",
                        "all chains need the same number of draws (" + n + ")");
            }
        }
        if (n < 4) {
            throw new InvalidParameterException("draws", n, "needs at least 4 draws per chain");
        }
    }

    /** First and last ⌊N/2⌋ draws of every chain as separate chains. */
    static double[][] split(double[][] x) {
        int n = x[0].length;
        int half = n / 2;
        double[][] out = new double[2 * x.length][half];
        for (int c = 0; c < x.length; c++) {
            System.arraycopy(x[c], 0, out[2 * c], 0, half);
            System.arraycopy(x[c], n - half, out[2 * c + 1], 0, half);
        }
        return out;
    }

    /** Φ⁻¹((r − 3/8)/(S + 1/4)) of the pooled ranks (ties averaged), in the input's shape. */
    static double[][] zScale(double[][] x) {
        double[] all = pooled(x);
        double[] ranks = new NaturalRanking(NaNStrategy.FIXED, TiesStrategy.AVERAGE).rank(all);
        double s = all.length;
        double[][] out = new double[x.length][];
        int k = 0;
        for (int c = 0; c < x.length; c++) {
            out[c] = new double[x[c].length];
            for (int i = 0; i < x[c].length; i++, k++) {
                out[c][i] = !Double.isNaN(all[k])
                        ? STANDARD_NORMAL.inverseCumulativeProbability((ranks[k] - 0.375) / (s + 0.25))
                        : Double.NaN;
            }
        }
        return out;
    }

    /** |θ − median θ| over all draws. */
    static double[][] fold(double[][] x) {
        double median = quantile(pooled(x), 0.5);
        double[][] out = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            out[c] = new double[x[c].length];
            for (int i = 0; i < x[c].length; i++) {
                out[c][i] = Math.abs(x[c][i] - median);
            }
        }
        return out;
    }

    /** √((B/W + n − 1)/n), B = n · var(chain means), W = mean within-chain variance. */
    static double basicRhat(double[][] x) {
        if (shouldReturnNaN(pooled(x))) {
            return Double.NaN;
        }
        int m = x.length;
        int n = x[0].length;
        double[] chainMean = new double[m];
        double within = 0;
        for (int c = 0; c < m; c++) {
            chainMean[c] = mean(x[c]);
            within += variance(x[c], chainMean[c]);
        }
        within /= m;
        double between = n * variance(chainMean, mean(chainMean));
        return Math.sqrt((between / within + n - 1) / n);
    }

    /** Geyer's initial-monotone-sequence ESS of M chains (see the class comment). */
    static double basicEss(double[][] x) {
        int m = x.length;
        int n = x[0].length;
        if (n < 3 || shouldReturnNaN(pooled(x))) {
            return Double.NaN;
        }
        Autocovariance acov = new Autocovariance(x);
        double[] chainMean = new double[m];
        for (int c = 0; c < m; c++) {
            chainMean[c] = mean(x[c]);
        }
        double meanVar = acov.at(0) * n / (n - 1);
        double varPlus = meanVar * (n - 1) / n;
        if (m > 1) {
            varPlus += variance(chainMean, mean(chainMean));
        }
        double[] rho = new double[n];
        int t = 0;
        double rhoEven = 1;
        rho[0] = rhoEven;
        double rhoOdd = 1 - (meanVar - acov.at(1)) / varPlus;
        rho[1] = rhoOdd;
        while (t < n - 5 && !Double.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
            t += 2;
            rhoEven = 1 - (meanVar - acov.at(t)) / varPlus;
            rhoOdd = 1 - (meanVar - acov.at(t + 1)) / varPlus;
            if (rhoEven + rhoOdd >= 0) {
                rho[t] = rhoEven;
                rho[t + 1] = rhoOdd;
            }
        }
        int maxT = t;
        if (rhoEven > 0) {
            rho[maxT] = rhoEven; // used in the improved (Geyer's truncated) estimate
        }
        t = 0;
        while (t <= maxT - 4) {
            t += 2;
            if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
                rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
                rho[t + 1] = rho[t];
            }
        }
        double sum = 0;
        for (int i = 0; i < Math.max(maxT, 1); i++) { // R's rho[1:max_t] holds rho[1] also when max_t = 0
            sum += rho[i];
        }
        double s = (double) m * n;
        double tau = -1 + 2 * sum + rho[maxT];
        tau = Math.max(tau, 1 / Math.log10(s));
        return s / tau;
    }

    /** Mean over chains of γ_c(t) = (1/n) Σ_{i &lt; n−t} (x_i − x̄_c)(x_{i+t} − x̄_c), computed lag by lag on demand. */
    private static final class Autocovariance {
        private final double[][] centred;
        private final double[] cache;

        Autocovariance(double[][] x) {
            centred = new double[x.length][];
            for (int c = 0; c < x.length; c++) {
                double mean = mean(x[c]);
                centred[c] = new double[x[c].length];
                for (int i = 0; i < x[c].length; i++) {
                    centred[c][i] = x[c][i] - mean;
                }
            }
            cache = new double[x[0].length];
            Arrays.fill(cache, Double.NaN);
        }

        double at(int lag) {
            if (Double.isNaN(cache[lag])) {
                double total = 0;
                for (double[] y : centred) {
                    double s = 0;
                    for (int i = 0; i + lag < y.length; i++) {
                        s += y[i] * y[i + lag];
                    }
                    total += s / y.length;
                }
                cache[lag] = total / centred.length;
            }
            return cache[lag];
        }
    }

    /** posterior's should_return_NA: a non-finite value, or max − min below machine ε. */
    private static boolean shouldReturnNaN(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return true;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return Math.abs(max - min) < MACHINE_EPSILON;
    }

    static double[] pooled(double[][] x) {
        int total = 0;
        for (double[] c : x) {
            total += c.length;
        }
        double[] out = new double[total];
        int k = 0;
        for (double[] c : x) {
            System.arraycopy(c, 0, out, k, c.length);
            k += c.length;
        }
        return out;
    }

    private static double mean(double[] v) {
        return StatUtils.mean(v);
    }

    /** Sample variance with divisor n − 1 about {@code mean}. */
    private static double variance(double[] v, double mean) {
        return StatUtils.variance(v, mean);
    }

    private static double sd(double[] v) {
        return Math.sqrt(variance(v, mean(v)));
    }
}
