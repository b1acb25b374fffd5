package io.streamvi.model.regression;

import io.streamvi.model.mcmc.LogDensity;
import io.streamvi.model.evaluation.GaussianApproximation;
import io.streamvi.model.evaluation.Evaluable;
import io.streamvi.model.check.GaussianDraws;
import io.streamvi.model.check.PredictiveSampler;
import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.meanfield.GammaFactor;
import io.streamvi.model.meanfield.MeanFieldFamily;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.Regression;
import io.streamvi.model.posterior.NamedParameter;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.posterior.Posterior;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.exception.MathIllegalArgumentException;

/**
 * Bayesian linear regression fitted with a mean-field family, y = zᵀw + ε:
 * <ul>
 *   <li>unknown noise: ε ~ N(0, 1/τ), τ ~ Gamma(a0, b0), w | τ ~ N(m0, (τΛ0)⁻¹), with
 *       q(w) q(τ) — q(w) full-covariance ({@link Form#FULL}) or fully factorised
 *       Π_j q(w_j) ({@link Form#DIAGONAL});
 *   <li>known noise precision β: w ~ N(m0, Λ0⁻¹) with q(w) full (then exact) or diagonal.
 * </ul>
 * Statistics T = (ZᵀZ, Zᵀy, yᵀy, n, −(n/2) ln 2π): O(p²) per observation. With
 * Λ_n = Λ0 + c ZᵀZ and h_n = Λ0m0 + c Zᵀy (c = 1, or β when the noise is known), the coordinate
 * updates (Bishop 2006 §10.1–10.3 adapted; Blei et al. 2017) are
 * <pre>
 *   FULL:      q(w) = N(m, (E[τ] Λ_n)⁻¹),  m = Λ_n⁻¹ h_n          (E[τ] = 1 when the noise is known)
 *   DIAGONAL:  q(w_j) = N(m_j, 1/(E[τ] Λ_n,jj)),  m_j = (h_n,j − Σ_{k≠j} Λ_n,jk m_k) / Λ_n,jj   (in turn)
 *   q(τ) = Gamma(a0 + (n + p)/2, b0 + ½ (yᵀy + m0ᵀΛ0m0 − 2mᵀh_n + tr(Λ_n (C + mmᵀ))))
 * </pre>
 * with C the covariance of q(w). Both forms find the exact posterior mean; their variances are
 * smaller than the exact posterior's (the diagonal one far more so when predictors correlate).
 *
 * <p>q layout: FULL (P row-major, Pm) or DIAGONAL (p_1..p_p, p_1m_1..p_pm_p), then (a, b) when the
 * noise is unknown. The predictive at x* reports the exact mean z*ᵀm and variance
 * z*ᵀCz* + E_q[1/τ] (or 1/β), with a normal-approximation interval.
 */
public final class MeanFieldLinearRegression implements MeanFieldFamily, Evaluable.Family {

    public static final String TYPE = "linear-regression";
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /** The covariance structure of q(w). */
    public enum Form { FULL, DIAGONAL }

    private final Design design;
    private final Form form;
    private final boolean knownNoise;
    private final double beta;
    private final double a0;
    private final double b0;
    private final double[] priorMean;
    private final double[] priorPrecision;
    private final double[][] predictAt;
    private final double logDetPrior;
    private final double priorQuad;

    private MeanFieldLinearRegression(Design design, Form form, boolean knownNoise, double beta, double a0, double b0,
            double[] priorMean, double[] priorPrecision, double[][] predictAt) {
        this.design = design;
        this.form = form;
        this.knownNoise = knownNoise;
        this.beta = beta;
        this.a0 = a0;
        this.b0 = b0;
        int p = design.size();
        this.priorMean = Priors.expand("mean", priorMean, p, false);
        this.priorPrecision = priorPrecision;
        double logDet = 0;
        double quad = 0;
        for (int i = 0; i < p; i++) {
            logDet += Math.log(priorPrecision[i]);
            quad += priorPrecision[i] * this.priorMean[i] * this.priorMean[i];
        }
        this.logDetPrior = logDet;
        this.priorQuad = quad;
        this.predictAt = design.points(predictAt);
    }

    /** Unknown noise: τ ~ Gamma(a0, b0), w | τ ~ N(m0, (τ diag(λ0))⁻¹). */
    public static MeanFieldLinearRegression unknownNoise(Design design, Form form, double a0, double b0,
            double[] priorMean, double[] priorPrecision, double[][] predictAt) {
        return new MeanFieldLinearRegression(design, form, false, Double.NaN,
                InvalidParameterException.requirePositive("noise.shape", a0),
                InvalidParameterException.requirePositive("noise.rate", b0), priorMean,
                Priors.expand("precision", priorPrecision, design.size(), true), predictAt);
    }

    /** Known noise variance: w ~ N(m0, diag(s0²)). */
    public static MeanFieldLinearRegression knownNoise(Design design, Form form, double noiseVariance,
            double[] priorMean, double[] priorSd, double[][] predictAt) {
        double[] sd = Priors.expand("sd", priorSd, design.size(), true);
        double[] precision = new double[sd.length];
        for (int i = 0; i < sd.length; i++) {
            precision[i] = 1 / (sd[i] * sd[i]);
        }
        return new MeanFieldLinearRegression(design, form, true,
                1 / InvalidParameterException.requirePositive("noise.variance", noiseVariance), Double.NaN, Double.NaN,
                priorMean, precision, predictAt);
    }

    @Override
    public String type() {
        return TYPE;
    }

    private int p() {
        return design.size();
    }

    @Override
    public int statisticsDimension() {
        return p() * p() + p() + 3;
    }

    @Override
    public int variationalDimension() {
        int w = form == Form.FULL ? p() * p() + p() : 2 * p();
        return w + (knownNoise ? 0 : 2);
    }

    private int tauOffset() {
        return form == Form.FULL ? p() * p() + p() : 2 * p();
    }

    @Override
    public String validate(Observation x) {
        return design.validate(x);
    }

    @Override
    public void addStatistics(Observation x, double[] acc) {
        Regression r = (Regression) x;
        int p = p();
        design.addOuter(r, 1.0, acc, 0);
        design.addTarget(r, 1.0, acc, p * p);
        acc[p * p + p] += r.y() * r.y();
        acc[p * p + p + 1] += 1;
        acc[p * p + p + 2] -= 0.5 * LOG_2PI;
    }

    @Override
    public double[] initialVariational() {
        int p = p();
        double[] q = new double[variationalDimension()];
        double scale = knownNoise ? 1 : a0 / b0;
        for (int i = 0; i < p; i++) {
            double precision = scale * priorPrecision[i];
            if (form == Form.FULL) {
                q[i * p + i] = precision;
                q[p * p + i] = precision * priorMean[i];
            } else {
                q[i] = precision;
                q[p + i] = precision * priorMean[i];
            }
        }
        if (!knownNoise) {
            q[tauOffset()] = a0;
            q[tauOffset() + 1] = b0;
        }
        return q;
    }

    /** Λ_n = Λ0 + c ZᵀZ, entry (i, j). */
    private double lambdaN(double[] t, int i, int j) {
        double c = knownNoise ? beta : 1;
        return c * t[i * p() + j] + (i == j ? priorPrecision[i] : 0);
    }

    /** h_n = Λ0 m0 + c Zᵀy, entry i. */
    private double hN(double[] t, int i) {
        double c = knownNoise ? beta : 1;
        return c * t[p() * p() + i] + priorPrecision[i] * priorMean[i];
    }

    private double expectedTau(double[] q) {
        return knownNoise ? 1 : q[tauOffset()] / q[tauOffset() + 1];
    }

    @Override
    public void step(double[] t, double rho, double[] q) {
        int p = p();
        double eTau = expectedTau(q);
        if (form == Form.FULL) {
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    q[i * p + j] = (1 - rho) * q[i * p + j] + rho * eTau * lambdaN(t, i, j);
                }
                q[p * p + i] = (1 - rho) * q[p * p + i] + rho * eTau * hN(t, i);
            }
        } else {
            for (int j = 0; j < p; j++) {
                double s = hN(t, j);
                for (int k = 0; k < p; k++) {
                    if (k != j) {
                        s -= lambdaN(t, j, k) * (q[p + k] / q[k]);
                    }
                }
                double diag = lambdaN(t, j, j);
                double precision = eTau * diag;
                double mean = s / diag;
                q[j] = (1 - rho) * q[j] + rho * precision;
                q[p + j] = (1 - rho) * q[p + j] + rho * precision * mean;
            }
        }
        if (!knownNoise) {
            Moments w = moments(q);
            double r = t[p * p + p] + priorQuad;
            for (int i = 0; i < p; i++) {
                r -= 2 * w.mean[i] * hN(t, i);
                for (int j = 0; j < p; j++) {
                    r += lambdaN(t, i, j) * (w.covariance(j, i) + w.mean[i] * w.mean[j]);
                }
            }
            double n = t[p * p + p + 1];
            int o = tauOffset();
            q[o] = (1 - rho) * q[o] + rho * (a0 + 0.5 * (n + p));
            q[o + 1] = (1 - rho) * q[o + 1] + rho * (b0 + 0.5 * r);
        }
    }

    /** Mean, covariance and ln det of the covariance of q(w). */
    private final class Moments {
        final double[] mean;
        final GaussianNatural full;
        final double[] variance;
        final double logDetCovariance;

        Moments(double[] q) {
            int p = p();
            if (form == Form.FULL) {
                full = new GaussianNatural(p, q, 0, q, p * p);
                mean = full.mean();
                variance = null;
                logDetCovariance = -full.logDetPrecision();
            } else {
                full = null;
                mean = new double[p];
                variance = new double[p];
                double logDet = 0;
                for (int j = 0; j < p; j++) {
                    mean[j] = q[p + j] / q[j];
                    variance[j] = 1 / q[j];
                    logDet -= Math.log(q[j]);
                }
                logDetCovariance = logDet;
            }
        }

        double covariance(int i, int j) {
            if (full != null) {
                return full.covariance(i, j);
            }
            return i == j ? variance[i] : 0;
        }
    }

    private Moments moments(double[] q) {
        return new Moments(q);
    }

    @Override
    public double elbo(double[] q, double[] t) {
        int p = p();
        Moments w = moments(q);
        double n = t[p * p + p + 1];
        double quadratic = t[p * p + p];
        double prior = 0;
        for (int i = 0; i < p; i++) {
            quadratic -= 2 * w.mean[i] * t[p * p + i];
            for (int j = 0; j < p; j++) {
                quadratic += t[i * p + j] * (w.covariance(j, i) + w.mean[i] * w.mean[j]);
            }
            double dm = w.mean[i] - priorMean[i];
            prior += priorPrecision[i] * (w.covariance(i, i) + dm * dm);
        }
        double base = t[p * p + p + 2];
        if (knownNoise) {
            return 0.5 * n * Math.log(beta) + base - 0.5 * beta * quadratic
                    - 0.5 * (prior - p - logDetPrior - w.logDetCovariance);
        }
        double a = q[tauOffset()];
        double b = q[tauOffset() + 1];
        double eTau = a / b;
        double eLogTau = GammaFactor.expectedLog(a, b);
        return 0.5 * n * eLogTau + base - 0.5 * eTau * quadratic
                + 0.5 * p * eLogTau + 0.5 * logDetPrior - 0.5 * p * LOG_2PI - 0.5 * eTau * prior
                + 0.5 * p * (1 + LOG_2PI) + 0.5 * w.logDetCovariance
                - GammaFactor.kl(a, b, a0, b0);
    }

    @Override
    public String checkDomain(double[] q) {
        if (!knownNoise && (!(q[tauOffset()] > 0) || !(q[tauOffset() + 1] > 0))) {
            return "q(tau) needs a, b > 0, got " + q[tauOffset()] + ", " + q[tauOffset() + 1];
        }
        if (form == Form.DIAGONAL) {
            for (int j = 0; j < p(); j++) {
                if (!(q[j] > 0)) {
                    return "q(w[" + j + "]) needs precision > 0, got " + q[j];
                }
            }
            return null;
        }
        try {
            moments(q);
            return null;
        } catch (MathIllegalArgumentException e) {
            return "precision of q(w) is not positive definite: " + e.getMessage();
        }
    }

    @Override
    public Posterior posterior(double[] q) {
        int p = p();
        Moments w = moments(q);
        List<ParameterSummary> summaries = new ArrayList<>(p + 2);
        double[] covariance = new double[form == Form.FULL ? p * p : p];
        for (int i = 0; i < p; i++) {
            summaries.add(GaussianLinearRegression.normal(design.name(i), w.mean[i], Math.sqrt(w.covariance(i, i))));
            if (form == Form.FULL) {
                for (int j = 0; j < p; j++) {
                    covariance[i * p + j] = w.covariance(i, j);
                }
            } else {
                covariance[i] = w.covariance(i, i);
            }
        }
        List<NamedParameter> params = new ArrayList<>();
        params.add(new NamedParameter("mean", new int[] {p}, w.mean));
        params.add(form == Form.FULL ? new NamedParameter("covariance", new int[] {p, p}, covariance)
                : new NamedParameter("variance", new int[] {p}, covariance));
        if (!knownNoise) {
            double a = q[tauOffset()];
            double b = q[tauOffset() + 1];
            summaries.add(GammaFactor.summary("tau", a, b));
            params.add(NamedParameter.scalar("tau.shape", a));
            params.add(NamedParameter.scalar("tau.rate", b));
        }
        return new Posterior(form == Form.FULL ? "MultivariateNormal x Gamma (mean-field)"
                : "Normal^p x Gamma (fully factorised)", params, summaries);
    }

    @Override
    public List<ParameterSummary> predictive(double[] q) {
        Moments w = moments(q);
        // E_q[1/τ] = b/(a − 1) exists only for a > 1 (an SVI step from a small a0 can leave a ≤ 1)
        double a = knownNoise ? 0 : q[tauOffset()];
        double noise = knownNoise ? 1 / beta : a > 1 ? q[tauOffset() + 1] / (a - 1) : Double.POSITIVE_INFINITY;
        List<ParameterSummary> out = new ArrayList<>(predictAt.length);
        for (int k = 0; k < predictAt.length; k++) {
            double[] z = design.z(predictAt[k]);
            double mean = 0;
            double var = noise;
            for (int i = 0; i < z.length; i++) {
                mean += z[i] * w.mean[i];
                for (int j = 0; j < z.length; j++) {
                    var += z[i] * w.covariance(i, j) * z[j];
                }
            }
            out.add(GaussianLinearRegression.normal("y@" + k, mean, Math.sqrt(var)));
        }
        return out;
    }

    /** w ~ q(w) and τ ~ q(τ) independently (or τ = β when known), then y ~ N(zᵀw, 1/τ); θ = (w, τ). */
    @Override
    public PredictiveSampler predictiveSampler(double[] q) {
        int p = p();
        Moments moments = moments(q);
        GaussianDraws w = form == Form.FULL ? GaussianDraws.full(moments.mean, moments.full.covarianceArray())
                : GaussianDraws.diagonal(moments.mean, moments.variance);
        double a = knownNoise ? 0 : q[tauOffset()];
        double b = knownNoise ? 0 : q[tauOffset() + 1];
        return design.predictiveSampler(rng -> {
            double[] theta = java.util.Arrays.copyOf(w.draw(rng), p + 1);
            theta[p] = knownNoise ? beta : rng.nextGamma(a, 1 / b);
            return theta;
        }, (eta, exposure, theta, rng) -> rng.nextNormal(eta, 1 / Math.sqrt(theta[p])));
    }

    @Override
    public String evaluationUnsupported() {
        return knownNoise ? null : "evaluation against MCMC covers the known-noise linear regression (q(w) Gaussian); "
                + "with unknown noise q(τ) is a Gamma";
    }

    @Override
    public LogDensity logPosterior(List<? extends Observation> data) {
        return new GaussianRegressionLogPosterior(design, 1 / beta, priorMean,
                GaussianLinearRegression.sds(priorPrecision), data);
    }

    @Override
    public GaussianApproximation approximation(double[] q) {
        Moments w = moments(q);
        return form == Form.FULL ? new GaussianApproximation(w.mean, w.full.covarianceArray())
                : GaussianApproximation.meanField(w.mean, w.variance);
    }

    /** ln N(y | zᵀw, 1/β) (known noise). */
    @Override
    public double logLikelihood(Observation y, double[] w) {
        Regression r = (Regression) y;
        double e = r.y() - design.linear(r, w);
        return 0.5 * (Math.log(beta) - LOG_2PI) - 0.5 * beta * e * e;
    }
}
