package io.streamvi.model.glm;

import org.hipparchus.random.RandomDataGenerator;
import io.streamvi.model.observation.Regression;

/**
 * Bernoulli with the logit link: ln p(y | η) = yη − ln(1 + e^η), ∂/∂η = y − σ(η),
 * −∂²/∂η² = σ(η)(1 − σ(η)). The expectations under a Gaussian η have no closed form and are
 * taken by Gauss–Hermite quadrature ({@link GaussHermite}), so they carry no Monte Carlo noise
 * (and are accurate while the linear predictor's variance under q stays below about 64).
 */
public final class LogisticLikelihood implements GlmLikelihood {

    public static final String TYPE = "logistic-regression";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String validateTarget(Regression r) {
        return r.y() == 0.0 || r.y() == 1.0 ? null : "Regression.y must be 0 or 1 (was " + r.y() + ")";
    }

    /** ln(1 + e^η) without overflow. */
    static double softplus(double eta) {
        return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    }

    static double sigmoid(double eta) {
        return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
    }

    @Override
    public double logLikelihood(double y, double eta, double exposure) {
        return y * eta - softplus(eta);
    }

    @Override
    public double derivative(double y, double eta, double exposure) {
        return y - sigmoid(eta);
    }

    /** Both from one exponential e^(−|η|): softplus(η) = max(η, 0) + ln(1 + e^(−|η|)), σ(η) as {@link #sigmoid}. */
    @Override
    public double logLikelihoodAndDerivative(double y, double eta, double exposure, double[] derivativeOut) {
        double e = Math.exp(-Math.abs(eta));
        derivativeOut[0] = y - (eta >= 0 ? 1 / (1 + e) : e / (1 + e));
        return y * eta - (eta > 0 ? eta + Math.log1p(e) : Math.log1p(e));
    }

    @Override
    public void expectations(double y, double mu, double variance, double exposure, double[] out) {
        double logLik = 0;
        double grad = 0;
        double curvature = 0;
        GaussHermite.Rule rule = GaussHermite.rule(variance);
        for (int i = 0; i < rule.size(); i++) {
            double eta = rule.point(i, mu, variance);
            double w = rule.weight(i);
            double s = sigmoid(eta);
            logLik += w * (y * eta - softplus(eta));
            grad += w * (y - s);
            curvature += w * s * (1 - s);
        }
        out[0] = logLik;
        out[1] = grad;
        out[2] = curvature;
    }

    /**
     * P(y = 1) = E[σ(η)] and its sd over q by quadrature, with the interval σ(μ ± 1.96√v) and
     * median σ(μ) (σ is monotone, so quantiles map through it).
     */
    @Override
    public double[] predictiveMean(double mu, double variance) {
        double p = 0;
        double p2 = 0;
        GaussHermite.Rule rule = GaussHermite.rule(variance);
        for (int i = 0; i < rule.size(); i++) {
            double s = sigmoid(rule.point(i, mu, variance));
            p += rule.weight(i) * s;
            p2 += rule.weight(i) * s * s;
        }
        double half = 1.959963984540054 * Math.sqrt(variance);
        return new double[] {p, Math.sqrt(Math.max(0, p2 - p * p)), sigmoid(mu - half), sigmoid(mu), sigmoid(mu + half)};
    }

    /** y ~ Bernoulli(σ(η)). */
    @Override
    public double draw(double eta, double exposure, RandomDataGenerator rng) {
        return rng.nextDouble() < sigmoid(eta) ? 1 : 0;
    }
}
