package io.streamvi.model.glm;

import org.hipparchus.random.RandomDataGenerator;
import io.streamvi.model.observation.Regression;
import org.hipparchus.special.Gamma;

/**
 * Poisson with the log link and exposure e: y ~ Poisson(e·exp(η)),
 * ln p(y | η) = y(η + ln e) − e·e^η − ln y!, ∂/∂η = y − e·e^η, −∂²/∂η² = e·e^η. Under
 * η ~ N(μ, v), E[e^η] = exp(μ + v/2) (the lognormal mean), so all three expectations are exact.
 */
public final class PoissonLikelihood implements GlmLikelihood {

    public static final String TYPE = "poisson-regression";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String validateTarget(Regression r) {
        double y = r.y();
        if (!(y >= 0) || y != Math.rint(y)) {
            return "Regression.y must be a count >= 0 (was " + y + ")";
        }
        if (!(r.exposure() > 0)) {
            return "Regression.exposure must be > 0 (was " + r.exposure() + ")";
        }
        return null;
    }

    @Override
    public double logLikelihood(double y, double eta, double exposure) {
        return y * (eta + Math.log(exposure)) - Math.exp(eta + Math.log(exposure)) - Gamma.logGamma(y + 1);
    }

    @Override
    public double derivative(double y, double eta, double exposure) {
        return y - Math.exp(eta + Math.log(exposure));
    }

    @Override
    public double logLikelihoodAndDerivative(double y, double eta, double exposure, double[] derivativeOut) {
        double logRate = eta + Math.log(exposure);
        double rate = Math.exp(logRate);
        derivativeOut[0] = y - rate;
        return y * logRate - rate - Gamma.logGamma(y + 1);
    }

    @Override
    public void expectations(double y, double mu, double variance, double exposure, double[] out) {
        double rate = Math.exp(mu + 0.5 * variance + Math.log(exposure));
        out[0] = y * (mu + Math.log(exposure)) - rate - Gamma.logGamma(y + 1);
        out[1] = y - rate;
        out[2] = rate;
    }

    /**
     * The rate per unit exposure e^η, lognormal under q: mean exp(μ + v/2), sd
     * mean·√(e^v − 1), median e^μ, interval exp(μ ± 1.96√v).
     */
    @Override
    public double[] predictiveMean(double mu, double variance) {
        double half = 1.959963984540054 * Math.sqrt(variance);
        double mean = Math.exp(mu + 0.5 * variance);
        return new double[] {mean, mean * Math.sqrt(Math.expm1(variance)), Math.exp(mu - half), Math.exp(mu),
            Math.exp(mu + half)};
    }

    /** y ~ Poisson(exposure·e^η). */
    @Override
    public double draw(double eta, double exposure, RandomDataGenerator rng) {
        double mean = exposure * Math.exp(eta);
        return mean > 0 ? rng.nextPoisson(mean) : 0;
    }
}
