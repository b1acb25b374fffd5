package io.streamvi.model.glm;

import io.streamvi.model.check.GaussianDraws;
import io.streamvi.model.check.PredictiveSampler;
import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.Regression;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.regression.Design;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * What every Gaussian-VI GLM shares, whatever the fitting method: the likelihood, the design,
 * the prior w_j ~ N(0, sd_j²) (the intercept with its own sd), the validation of events, and the
 * summaries and predictive of a Gaussian q.
 */
final class GlmSpec {

    private static final double Z975 = new NormalDistribution(0, 1).inverseCumulativeProbability(0.975);

    final GlmLikelihood likelihood;
    final Design design;
    final double[] priorMean;
    final double[] priorSd;
    final double[] priorPrecision;
    final double logDetPrior;
    private final double[][] predictAt;

    GlmSpec(GlmLikelihood likelihood, Design design, double weightSd, double interceptSd, double[][] predictAt) {
        InvalidParameterException.requirePositive("sd", weightSd);
        InvalidParameterException.requirePositive("interceptSd", interceptSd);
        this.likelihood = likelihood;
        this.design = design;
        int p = design.size();
        this.priorMean = new double[p];
        this.priorSd = new double[p];
        this.priorPrecision = new double[p];
        double logDet = 0;
        for (int j = 0; j < p; j++) {
            priorSd[j] = design.intercept() && j == 0 ? interceptSd : weightSd;
            priorPrecision[j] = 1 / (priorSd[j] * priorSd[j]);
            logDet += Math.log(priorPrecision[j]);
        }
        this.logDetPrior = logDet;
        this.predictAt = design.points(predictAt);
    }

    int p() {
        return design.size();
    }

    /** ln p(w) (normalising constant included), and its gradient −Λ0(w − m0) added into {@code grad}. */
    double logPrior(double[] w, double[] grad) {
        double s = 0.5 * (logDetPrior - w.length * Math.log(2 * Math.PI));
        for (int j = 0; j < w.length; j++) {
            double d = w[j] - priorMean[j];
            s -= 0.5 * priorPrecision[j] * d * d;
            grad[j] -= priorPrecision[j] * d;
        }
        return s;
    }

    /** Why an event does not fit (non-finite, wrong dimension, wrong target), or null. */
    String validate(Observation observation) {
        String nonFinite = Observation.nonFiniteReason(observation);
        if (nonFinite != null) {
            return nonFinite;
        }
        String problem = design.validate(observation);
        return problem != null ? problem : likelihood.validateTarget((Regression) observation);
    }

    /** Normal marginal summaries of the coefficients of q = N(mean, covariance). */
    List<ParameterSummary> coefficients(double[] mean, Covariance covariance) {
        List<ParameterSummary> out = new ArrayList<>(p());
        for (int i = 0; i < p(); i++) {
            double sd = Math.sqrt(Math.max(0, covariance.at(i, i)));
            out.add(new ParameterSummary(design.name(i), mean[i], sd, mean[i] - Z975 * sd, mean[i], mean[i] + Z975 * sd));
        }
        return out;
    }

    /** The mean of y per unit exposure at each configured point, η = zᵀw ~ N(zᵀm, zᵀCz). */
    List<ParameterSummary> predictive(double[] mean, Covariance covariance) {
        List<ParameterSummary> out = new ArrayList<>(predictAt.length);
        for (int k = 0; k < predictAt.length; k++) {
            double[] z = design.z(predictAt[k]);
            double mu = 0;
            double v = 0;
            for (int i = 0; i < z.length; i++) {
                mu += z[i] * mean[i];
                for (int j = 0; j < z.length; j++) {
                    v += z[i] * covariance.at(i, j) * z[j];
                }
            }
            double[] m = likelihood.predictiveMean(mu, Math.max(0, v));
            out.add(new ParameterSummary("mean@" + k, m[0], m[1], m[2], m[3], m[4]));
        }
        return out;
    }

    /** Entry (i, j) of q's covariance. */
    @FunctionalInterface
    interface Covariance {
        double at(int i, int j);
    }

    /** The posterior predictive sampler of a GLM whose weights are drawn by {@code weights}. */
    static PredictiveSampler predictiveSampler(GlmLikelihood likelihood, Design design, GaussianDraws weights) {
        return design.predictiveSampler(weights::draw, (eta, exposure, theta, rng) -> likelihood.draw(eta, exposure, rng));
    }
}
