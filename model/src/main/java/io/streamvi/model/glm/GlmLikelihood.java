package io.streamvi.model.glm;

import org.hipparchus.random.RandomDataGenerator;
import io.streamvi.model.observation.Regression;

/**
 * The likelihood of a generalised linear model through its linear predictor η = zᵀw (plus the
 * log exposure for rate models). Variational updates need three expectations under
 * η ~ N(μ, v): of ln p(y | η), of its first derivative and of minus its second derivative.
 */
public interface GlmLikelihood {

    /** Model type name used in configuration. */
    String type();

    /** Why the target (and exposure) of {@code r} do not fit this likelihood, or null. */
    String validateTarget(Regression r);

    /** ln p(y | η). */
    double logLikelihood(double y, double eta, double exposure);

    /** ∂ ln p(y | η)/∂η. */
    double derivative(double y, double eta, double exposure);

    /**
     * ln p(y | η), with ∂ ln p(y | η)/∂η written to {@code derivativeOut[0]}: what an exact log
     * posterior needs at every leapfrog step, in one pass where the two share work. The default
     * calls {@link #logLikelihood} and {@link #derivative}; overrides must return the same numbers.
     */
    default double logLikelihoodAndDerivative(double y, double eta, double exposure, double[] derivativeOut) {
        derivativeOut[0] = derivative(y, eta, exposure);
        return logLikelihood(y, eta, exposure);
    }

    /**
     * Writes E[ln p(y | η)], E[∂ ln p/∂η] and E[−∂² ln p/∂η²] under η ~ N(mu, variance) into
     * {@code out[0..2]}.
     */
    void expectations(double y, double mu, double variance, double exposure, double[] out);

    /**
     * The mean of y per unit exposure (a probability or a rate) as a function of η ~ N(mu,
     * variance): its mean, sd, 2.5% quantile, median and 97.5% quantile.
     */
    double[] predictiveMean(double mu, double variance);

    /** A draw of y given the linear predictor η and the exposure (posterior predictive checks). */
    double draw(double eta, double exposure, RandomDataGenerator rng);
}
