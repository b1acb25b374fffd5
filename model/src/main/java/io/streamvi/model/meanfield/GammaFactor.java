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

    /** Mean, sd and central 95% interval of Gamma(a, b). */
    public static ParameterSummary summary(String name, double a, double b) {
        GammaDistribution g = new GammaDistribution(a, 1.0 / b, QUANTILE_ACCURACY);
        return new ParameterSummary(name, a / b, Math.sqrt(a) / b, g.inverseCumulativeProbability(0.025),
                g.inverseCumulativeProbability(0.5), g.inverseCumulativeProbability(0.975));
    }
}
