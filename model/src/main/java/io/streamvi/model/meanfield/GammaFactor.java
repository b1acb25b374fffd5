package io.streamvi.model.meanfield;

import io.streamvi.model.posterior.ParameterSummary;
import org.hipparchus.distribution.continuous.GammaDistribution;
import org.hipparchus.special.Gamma;

/** Closed forms for a Gamma(shape a, rate b) factor of a mean-field family. */
public final class GammaFactor {

    private static final double QUANTILE_ACCURACY = 1e-12;

    private GammaFactor() {
    }

    /** E[ln τ] = ψ(a) − ln b. */
    public static double expectedLog(double a, double b) {
        return Gamma.digamma(a) - Math.log(b);
    }

    /** KL(Gamma(a, b) ‖ Gamma(a0, b0)) = (a − a0)ψ(a) − ln Γ(a) + ln Γ(a0) + a0 (ln b − ln b0) + a (b0 − b)/b. */
    public static double kl(double a, double b, double a0, double b0) {
        return (a - a0) * Gamma.digamma(a) - Gamma.logGamma(a) + Gamma.logGamma(a0)
                + a0 * (Math.log(b) - Math.log(b0)) + a * (b0 - b) / b;
    }

    /**
     * The 2.5%, 50% and 97.5% quantiles of Gamma(a, rate b). They are taken from Gamma(a, 1) and
     * divided by b: the solver's accuracy is absolute, so solving on the unit scale keeps it
     * relative to the answer whatever the rate (a rate of 1e12 would otherwise be solved to
     * 1e-12 absolute, i.e. not at all).
     */
    public static double[] quantiles(double a, double b) {
        GammaDistribution unit = new GammaDistribution(a, 1.0, QUANTILE_ACCURACY);
        return new double[] {unit.inverseCumulativeProbability(0.025) / b, unit.inverseCumulativeProbability(0.5) / b,
            unit.inverseCumulativeProbability(0.975) / b};
    }

    /** Mean, sd and central 95% interval of Gamma(a, b). */
    public static ParameterSummary summary(String name, double a, double b) {
        double[] q = quantiles(a, b);
        return new ParameterSummary(name, a / b, Math.sqrt(a) / b, q[0], q[1], q[2]);
    }

    /**
     * σ² = 1/τ for τ ~ Gamma(a, rate b): inverse-gamma with mean b/(a − 1) (a &gt; 1) and sd
     * b/((a − 1)√(a − 2)) (a &gt; 2), infinite otherwise; its quantiles are 1/(τ's opposite quantiles).
     */
    public static ParameterSummary inverseSummary(String name, double a, double b) {
        double[] q = quantiles(a, b);
        double mean = a > 1 ? b / (a - 1) : Double.POSITIVE_INFINITY;
        double sd = a > 2 ? b / ((a - 1) * Math.sqrt(a - 2)) : Double.POSITIVE_INFINITY;
        return new ParameterSummary(name, mean, sd, 1 / q[2], 1 / q[1], 1 / q[0]);
    }
}
