package io.streamvi.model.evaluation;

/**
 * The outcome of Pareto-smoothed importance sampling ({@link Psis#smooth}).
 *
 * @param k k̂, the fitted generalised Pareto shape of the ratios' right tail (−∞ when the largest
 *        ratios are all equal: bounded weights; +∞ when the fit failed)
 * @param sigma the fitted scale (NaN without a fit)
 * @param tailLength M, the number of largest ratios the fit used
 * @param logWeights the smoothed, normalised log weights (Σ exp = 1), in the order of the draws
 */
public record PsisResult(double k, double sigma, int tailLength, double[] logWeights) {

    /** The reading of k̂ for variational inference (Yao et al. 2018; Vehtari et al. 2024). */
    public enum Reading {
        /** k̂ &lt; 0.5: q is close to the posterior; importance sampling converges quickly. */
        GOOD,
        /** 0.5 ≤ k̂ ≤ 0.7: q is usable, PSIS estimates converge, more slowly. */
        OK,
        /** k̂ &gt; 0.7: q is far from the posterior in its tails; do not trust it. */
        UNRELIABLE
    }

    public Reading reading() {
        if (k < 0.5) {
            return Reading.GOOD;
        }
        return k <= 0.7 ? Reading.OK : Reading.UNRELIABLE;
    }

    /** The effective sample size of the smoothed weights, 1 / Σ w_s² (Kong 1992). */
    public double effectiveSampleSize() {
        double s = 0;
        for (double lw : logWeights) {
            double w = Math.exp(lw);
            s += w * w;
        }
        return 1 / s;
    }

    /** The self-normalised PSIS estimate Σ_s w_s f(θ_s) of E_p[f] from f's values at the draws. */
    public double expectation(double[] values) {
        if (values.length != logWeights.length) {
            throw new IllegalArgumentException("values: one per draw needed (" + logWeights.length + "), got "
                    + values.length);
        }
        double s = 0;
        for (int i = 0; i < values.length; i++) {
            s += Math.exp(logWeights[i]) * values[i];
        }
        return s;
    }
}
