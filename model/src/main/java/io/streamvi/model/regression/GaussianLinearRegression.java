package io.streamvi.model.regression;

import io.streamvi.model.mcmc.LogDensity;
import io.streamvi.model.evaluation.GaussianApproximation;
import io.streamvi.model.evaluation.Evaluable;
import io.streamvi.model.check.GaussianDraws;
import io.streamvi.model.check.PredictiveSampler;
import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.conjugate.ConjugateFamily;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.Regression;
import io.streamvi.model.posterior.NamedParameter;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.posterior.Posterior;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.exception.MathIllegalArgumentException;

/**
 * Bayesian linear regression with known noise precision β: y = zᵀw + ε, ε ~ N(0, 1/β),
 * w ~ N(m0, diag(s0²)); z = [1, x] with an intercept. Conjugate: the posterior is Gaussian with
 * precision Λ = Λ0 + β Σ z zᵀ and Λm = Λ0 m0 + β Σ y z (Bishop 2006 eqs. 3.50–3.51).
 *
 * <p>λ = (Λ row-major, h = Λm): additive, O(p²) per observation, no refactorisation per event;
 * stored in precision (information) form because it is exactly what the updates add to and stays
 * symmetric positive definite under convex combination; the Cholesky factor is taken only when
 * moments are needed (ELBO, summaries: once per minibatch). log h(y) = ½ ln(β/2π) − ½βy².
 * <pre>
 *   E_q[ln p(y | w)] = T_hᵀ m − ½ tr(T_Λ (Σ + m mᵀ)) + Σ log h
 *   KL(N(m, Σ) ‖ N(m0, Λ0⁻¹)) = ½ (tr(Λ0 Σ) + (m − m0)ᵀ Λ0 (m − m0) − p − ln det Λ0 + ln det Λ)
 * </pre>
 * Predictive at x*: N(z*ᵀm, z*ᵀΣz* + 1/β).
 */
public final class GaussianLinearRegression implements ConjugateFamily, Evaluable.Family {

    public static final String TYPE = "linear-regression";
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final Design design;
    private final double beta;
    private final double[] priorMean;
    private final double[] priorPrecision;
    private final double[][] predictAt;
    private final double logDetPrior;

    /**
     * @param priorMean m0 (1 value broadcast, or p)
     * @param priorSd s0 (1 value broadcast, or p)
     * @param predictAt feature vectors (without intercept) at which snapshots report the predictive
     */
    public GaussianLinearRegression(Design design, double noiseVariance, double[] priorMean, double[] priorSd,
            double[][] predictAt) {
        this.design = design;
        this.beta = 1.0 / InvalidParameterException.requirePositive("noise.variance", noiseVariance);
        int p = design.size();
        this.priorMean = Priors.expand("mean", priorMean, p, false);
        double[] sd = Priors.expand("sd", priorSd, p, true);
        this.priorPrecision = new double[p];
        double logDet = 0;
        for (int i = 0; i < p; i++) {
            priorPrecision[i] = 1.0 / (sd[i] * sd[i]);
            logDet += Math.log(priorPrecision[i]);
        }
        this.logDetPrior = logDet;
        this.predictAt = design.points(predictAt);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int dimension() {
        int p = design.size();
        return p * p + p;
    }

    @Override
    public double[] prior() {
        int p = design.size();
        double[] eta = new double[dimension()];
        for (int i = 0; i < p; i++) {
            eta[i * p + i] = priorPrecision[i];
            eta[p * p + i] = priorPrecision[i] * priorMean[i];
        }
        return eta;
    }

    @Override
    public String validate(Observation x) {
        return design.validate(x);
    }

    @Override
    public void addStatistics(Observation x, double[] acc) {
        Regression r = (Regression) x;
        int p = design.size();
        design.addOuter(r, beta, acc, 0);
        design.addTarget(r, beta, acc, p * p);
        acc[p * p + p] += 0.5 * (Math.log(beta) - LOG_2PI) - 0.5 * beta * r.y() * r.y();
    }

    private GaussianNatural gaussian(double[] lambda) {
        int p = design.size();
        return new GaussianNatural(p, lambda, 0, lambda, p * p);
    }

    @Override
    public double expectedLogLikelihood(double[] lambda, double[] t) {
        return expectedLogLikelihood(gaussian(lambda), t);
    }

    private double expectedLogLikelihood(GaussianNatural g, double[] t) {
        int p = design.size();
        double linear = 0;
        for (int i = 0; i < p; i++) {
            linear += t[p * p + i] * g.mean(i);
        }
        return linear - 0.5 * g.expectedQuadratic(t, 0) + t[p * p + p];
    }

    @Override
    public double klFromPrior(double[] lambda) {
        return kl(gaussian(lambda));
    }

    private double kl(GaussianNatural g) {
        int p = design.size();
        double s = 0;
        for (int i = 0; i < p; i++) {
            double dm = g.mean(i) - priorMean[i];
            s += priorPrecision[i] * (g.covariance(i, i) + dm * dm);
        }
        return 0.5 * (s - p - logDetPrior + g.logDetPrecision());
    }

    @Override
    public double elbo(double[] lambda, double[] statistics) {
        GaussianNatural g = gaussian(lambda);
        return expectedLogLikelihood(g, statistics) - kl(g);
    }

    @Override
    public String checkDomain(double[] lambda) {
        try {
            gaussian(lambda);
            return null;
        } catch (MathIllegalArgumentException e) {
            return "posterior precision is not positive definite: " + e.getMessage();
        }
    }

    @Override
    public Posterior posterior(double[] lambda) {
        GaussianNatural g = gaussian(lambda);
        int p = design.size();
        List<ParameterSummary> summaries = new ArrayList<>(p);
        for (int i = 0; i < p; i++) {
            summaries.add(normal(design.name(i), g.mean(i), Math.sqrt(g.covariance(i, i))));
        }
        return new Posterior("MultivariateNormal",
                List.of(new NamedParameter("mean", new int[] {p}, g.mean()),
                        new NamedParameter("covariance", new int[] {p, p}, g.covarianceArray())),
                summaries);
    }

    @Override
    public List<ParameterSummary> predictive(double[] lambda) {
        GaussianNatural g = gaussian(lambda);
        List<ParameterSummary> out = new ArrayList<>(predictAt.length);
        for (int k = 0; k < predictAt.length; k++) {
            double[] z = design.z(predictAt[k]);
            double mean = 0;
            for (int i = 0; i < z.length; i++) {
                mean += z[i] * g.mean(i);
            }
            out.add(normal("y@" + k, mean, Math.sqrt(g.quadraticCovariance(z) + 1.0 / beta)));
        }
        return out;
    }

    static ParameterSummary normal(String name, double mean, double sd) {
        NormalDistribution n = new NormalDistribution(0, 1);
        double z = n.inverseCumulativeProbability(0.975);
        return new ParameterSummary(name, mean, sd, mean - z * sd, mean, mean + z * sd);
    }

    /** w ~ N(m, Λ⁻¹), then y ~ N(zᵀw, 1/β) at the observation's covariates. */
    @Override
    public PredictiveSampler predictiveSampler(double[] lambda) {
        GaussianNatural g = gaussian(lambda);
        GaussianDraws w = GaussianDraws.full(g.mean(), g.covarianceArray());
        double noiseSd = 1 / Math.sqrt(beta);
        return design.predictiveSampler(w::draw, (eta, exposure, theta, rng) -> rng.nextNormal(eta, noiseSd));
    }

    @Override
    public LogDensity logPosterior(List<? extends Observation> data) {
        return new GaussianRegressionLogPosterior(design, 1 / beta, priorMean, sds(priorPrecision), data);
    }

    @Override
    public GaussianApproximation approximation(double[] lambda) {
        GaussianNatural g = gaussian(lambda);
        return new GaussianApproximation(g.mean(), g.covarianceArray());
    }

    /** 1/√precision, element-wise. */
    static double[] sds(double[] precision) {
        double[] sd = new double[precision.length];
        for (int i = 0; i < sd.length; i++) {
            sd[i] = 1 / Math.sqrt(precision[i]);
        }
        return sd;
    }

    /** ln N(y | zᵀw, 1/β). */
    @Override
    public double logLikelihood(Observation y, double[] w) {
        Regression r = (Regression) y;
        double e = r.y() - design.linear(r, w);
        return 0.5 * (Math.log(beta) - Math.log(2 * Math.PI)) - 0.5 * beta * e * e;
    }
}
