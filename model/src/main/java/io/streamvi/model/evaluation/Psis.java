package io.streamvi.model.evaluation;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.mcmc.LogDensity;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Pareto-smoothed importance sampling (Vehtari, Simpson, Gelman, Yao &amp; Gabry 2024, "Pareto
 * smoothed importance sampling", JMLR 25(72)) and its k̂ diagnostic of a variational
 * approximation (Yao, Vehtari, Simpson &amp; Gelman 2018, "Yes, but did it work?: evaluating
 * variational inference", ICML).
 *
 * <p>Given S draws θ_s ~ q and the log importance ratios r_s = ln p(θ_s, y) − ln q(θ_s) (the
 * unnormalised posterior suffices: a constant shifts every r_s alike), the M = ⌈min(S/5, 3√S)⌉
 * largest ratios, as excesses e^(r_s) − e^(r_cut) over the next largest one, are fitted by a
 * generalised Pareto distribution ({@link GeneralizedPareto#fit}, Zhang &amp; Stephens 2009 with the
 * weakly informative prior). Its shape k̂ estimates how many moments the ratios p/q have (those of
 * order &lt; 1/k): k̂ &lt; 0.5 finite variance, q good; 0.5–0.7 usable; &gt; 0.7 the importance
 * sampling estimate, and q, cannot be trusted (for S draws, k̂ above 1 − 1/log₁₀ S is the 2024
 * paper's sample-size-specific limit, {@link #khatThreshold}). A q narrower than the posterior
 * gives heavy-tailed ratios, hence large k̂, which is how k̂ detects mean-field VI's
 * under-dispersion. The M largest log weights are then replaced by ln(F⁻¹((i − ½)/M) + e^(r_cut))
 * (expected order statistics of the fit), capped at the largest raw ratio, and normalised.
 *
 * <p>As in {@code loo} 2.5.1 ({@code psis}, r_eff = 1: q's draws are independent). One difference:
 * when the M largest ratios are all equal (to 10⁻⁹ of the log ratios' magnitude — floating-point
 * noise of p and q computed by different formulas, as when q is the exact posterior), loo cannot
 * fit and reports k̂ = ∞, which would flag a perfect q as unreliable; here the weights are
 * bounded, which is the limit k → −∞, and k̂ = −∞ is reported without smoothing.
 */
public final class Psis {

    private static final double FLAT_TAIL_TOLERANCE = 1e-9;

    private Psis() {
    }

    /** M = ⌈min(S/5, 3√S)⌉, the tail length for S independent draws. */
    public static int tailLength(int draws) {
        return (int) Math.ceil(Math.min(0.2 * draws, 3 * Math.sqrt(draws)));
    }

    /**
     * 1 − 1/log₁₀ S: above this k̂, S draws are too few for a reliable PSIS estimate (Vehtari et
     * al. 2024, §3.2.4); it is about 0.7 for S = 2000 and 0.75 for S = 10,000.
     */
    public static double khatThreshold(int draws) {
        return 1 - 1 / Math.log10(draws);
    }

    /** The log importance ratios ln p(θ_s) − ln q(θ_s) of draws θ_s ~ q. */
    public static double[] logRatios(LogDensity target, double[][] draws, ToDoubleFunction<double[]> logQ) {
        double[] out = new double[draws.length];
        for (int s = 0; s < draws.length; s++) {
            out[s] = target.logDensity(draws[s]) - logQ.applyAsDouble(draws[s]);
        }
        return out;
    }

    /** PSIS of the log importance ratios of S ≥ 21 independent draws from q. */
    public static PsisResult smooth(double[] logRatios) {
        int s = logRatios.length;
        int m = tailLength(s);
        if (m < 5 || m >= s) {
            throw new InvalidParameterException("logRatios", s + " draws", "needs at least 21 draws (a tail of 5)");
        }
        double max = Double.NEGATIVE_INFINITY;
        double magnitude = 1;
        for (int i = 0; i < s; i++) {
            double r = logRatios[i];
            if (Double.isNaN(r) || r == Double.POSITIVE_INFINITY) {
                throw new InvalidParameterException("logRatios[" + i + "]", r, "must be finite or -Infinity");
            }
            max = Math.max(max, r);
            if (Double.isFinite(r)) {
                magnitude = Math.max(magnitude, Math.abs(r));
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new InvalidParameterException("logRatios", "all -Infinity", "needs a draw inside the target's support");
        }
        double[] lw = new double[s];
        for (int i = 0; i < s; i++) {
            lw[i] = logRatios[i] - max;
        }
        Integer[] order = IntStream.range(0, s).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> lw[i]));
        double[] tail = new double[m];
        for (int j = 0; j < m; j++) {
            tail[j] = lw[order[s - m + j]];
        }
        double k;
        double sigma = Double.NaN;
        if (tail[m - 1] - tail[0] <= FLAT_TAIL_TOLERANCE * magnitude) {
            k = Double.NEGATIVE_INFINITY;
        } else {
            double cutoff = lw[order[s - m - 1]];
            if (cutoff == tail[0]) {
                cutoff -= Math.ulp(1.0); // keep the excesses positive (as posterior's ps_tail)
            }
            double expCutoff = Math.exp(cutoff);
            double[] excess = new double[m];
            for (int j = 0; j < m; j++) {
                excess[j] = Math.exp(tail[j]) - expCutoff;
            }
            GeneralizedPareto fit = GeneralizedPareto.fit(excess);
            k = fit.k();
            sigma = fit.sigma();
            if (Double.isFinite(k)) {
                for (int j = 0; j < m; j++) {
                    double smoothed = Math.log(fit.quantile((j + 0.5) / m) + expCutoff);
                    lw[order[s - m + j]] = Math.min(smoothed, 0.0); // no larger than the largest raw ratio
                }
            }
        }
        double norm = logSumExp(lw);
        for (int i = 0; i < s; i++) {
            lw[i] -= norm;
        }
        return new PsisResult(k, sigma, m, lw);
    }

    private static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (double x : v) {
            sum += Math.exp(x - max);
        }
        return max + Math.log(sum);
    }
}
