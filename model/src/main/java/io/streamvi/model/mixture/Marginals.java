package io.streamvi.model.mixture;

import io.streamvi.model.posterior.ParameterSummary;
import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.distribution.continuous.GammaDistribution;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.special.Gamma;

/**
 * Univariate marginals used in the mixture's summaries and predictive: Beta, location-scale
 * Student-t and inverse Gamma. Moments that do not exist are reported as NaN (undefined) or +∞
 * (infinite).
 */
final class Marginals {

    /** Absolute accuracy of quantiles (Hipparchus' default, 1e-9, is coarse for small values). */
    static final double QUANTILE_ACCURACY = 1e-15;

    static final double LN_PI = Math.log(Math.PI);
    static final double LN_2PI = Math.log(2 * Math.PI);

    private Marginals() {
    }

    /** Beta(a, b): mean a/(a+b), sd √(ab / ((a+b)²(a+b+1))), quantiles from Hipparchus. */
    static ParameterSummary beta(String name, double a, double b) {
        double n = a + b;
        BetaDistribution dist = new BetaDistribution(a, b, QUANTILE_ACCURACY);
        return new ParameterSummary(name, a / n, Math.sqrt(a * b / (n * n * (n + 1.0))),
                dist.inverseCumulativeProbability(0.025),
                dist.inverseCumulativeProbability(0.5),
                dist.inverseCumulativeProbability(0.975));
    }

    /**
     * location + scale·T with T ~ Student-t(ν): mean = location (ν &gt; 1), sd = scale·√(ν/(ν−2))
     * (ν &gt; 2; +∞ for 1 &lt; ν ≤ 2).
     */
    static ParameterSummary studentT(String name, double location, double scale, double dof) {
        TDistribution t = new TDistribution(dof, QUANTILE_ACCURACY);
        double mean = dof > 1 ? location : Double.NaN;
        double sd = dof > 2 ? scale * Math.sqrt(dof / (dof - 2)) : dof > 1 ? Double.POSITIVE_INFINITY : Double.NaN;
        return new ParameterSummary(name, mean, sd,
                location + scale * t.inverseCumulativeProbability(0.025),
                location,
                location + scale * t.inverseCumulativeProbability(0.975));
    }

    /**
     * Inverse Gamma(shape α, scale β), the law of 1/Y for Y ~ Gamma(α, rate β): mean β/(α−1)
     * (α &gt; 1), sd β/((α−1)√(α−2)) (α &gt; 2); its q-quantile is 1 / (the (1−q)-quantile of Y).
     */
    static ParameterSummary inverseGamma(String name, double shape, double scale) {
        return io.streamvi.model.meanfield.GammaFactor.inverseSummary(name, shape, scale);
    }

    /**
     * ln St(x | m, L, ν) of a d-variate Student-t with precision matrix L (Bishop 2006, eq. 2.162):
     * lnΓ((ν+d)/2) − lnΓ(ν/2) − (d/2) ln(νπ) + ½ ln|L| − ((ν+d)/2) ln(1 + Δ²/ν),
     * Δ² = (x − m)ᵀ L (x − m).
     */
    static double logStudentT(double delta2, double dof, int d, double logDetPrecision) {
        return Gamma.logGamma((dof + d) / 2) - Gamma.logGamma(dof / 2) - 0.5 * d * (Math.log(dof) + LN_PI)
                + 0.5 * logDetPrecision - 0.5 * (dof + d) * Math.log1p(delta2 / dof);
    }

    /** ln Γ_d(a) = (d(d−1)/4) ln π + Σ_{i=1..d} lnΓ(a + (1 − i)/2), the multivariate Gamma function. */
    static double logMultivariateGamma(double a, int d) {
        double s = 0.25 * d * (d - 1) * LN_PI;
        for (int i = 1; i <= d; i++) {
            s += Gamma.logGamma(a + 0.5 * (1 - i));
        }
        return s;
    }

    /** ψ_d(a) = Σ_{i=1..d} ψ(a + (1 − i)/2), the multivariate digamma function. */
    static double multivariateDigamma(double a, int d) {
        double s = 0;
        for (int i = 1; i <= d; i++) {
            s += Gamma.digamma(a + 0.5 * (1 - i));
        }
        return s;
    }

    /** ln Σ_k exp(v_k) over the first n entries, stable for large |v_k|; −∞ when all are −∞. */
    static double logSumExp(double[] v, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            if (v[k] > max) {
                max = v[k];
            }
        }
        if (max == Double.NEGATIVE_INFINITY || !Double.isFinite(max)) {
            return max;
        }
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += Math.exp(v[k] - max);
        }
        return max + Math.log(s);
    }
}
