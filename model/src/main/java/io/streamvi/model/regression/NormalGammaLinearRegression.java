package io.streamvi.model.regression;

import io.streamvi.model.check.GaussianDraws;
import io.streamvi.model.check.PredictiveSampler;
import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.conjugate.ConjugateFamily;
import io.streamvi.model.meanfield.GammaFactor;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.Regression;
import io.streamvi.model.posterior.NamedParameter;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.posterior.Posterior;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.special.Gamma;

/**
 * Bayesian linear regression with unknown noise precision, conjugate Normal-Gamma form:
 * y = zᵀw + ε, ε ~ N(0, 1/τ), τ ~ Gamma(a0, b0), w | τ ~ N(m0, (τ Λ0)⁻¹), Λ0 = diag(λ0).
 * The exact posterior is Normal-Gamma with Λ_n = Λ0 + Σ zzᵀ, Λ_n m_n = Λ0 m0 + Σ y z,
 * a_n = a0 + n/2, b_n = b0 + ½(Σy² + m0ᵀΛ0m0 − m_nᵀΛ_n m_n) (Murphy 2007 §9; Bishop 2006 ex. 3.12).
 *
 * <p>λ = (Λ, h = Λm, a, c = 2b + mᵀΛm): additive with t(z, y) = (zzᵀ, y z, ½, y²) and
 * log h = −½ ln 2π. Under q, E[τ(y − zᵀw)²] = (a/b)(y − zᵀm)² + zᵀΛ⁻¹z, so
 * <pre>
 *   E_q[ln p(y | w, τ)] = (n/2)(ψ(a) − ln b) − ½ (a/b)(Σy² − 2mᵀΣyz + mᵀ(Σzzᵀ)m) − ½ tr(Λ⁻¹ Σzzᵀ) + Σ log h
 *   KL = KL(Gamma(a, b) ‖ Gamma(a0, b0)) + ½ (tr(Λ0Λ⁻¹) − p − ln det Λ0 + ln det Λ + (a/b)(m − m0)ᵀΛ0(m − m0))
 * </pre>
 * Marginals: w_j ~ Student-t(2a, m_j, √(b/a (Λ⁻¹)_jj)), τ ~ Gamma(a, b), σ² = 1/τ inverse-gamma.
 * Predictive at x*: Student-t(2a, z*ᵀm, √(b/a (1 + z*ᵀΛ⁻¹z*))).
 */
public final class NormalGammaLinearRegression implements ConjugateFamily {

    public static final String TYPE = "linear-regression";
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final Design design;
    private final double a0;
    private final double b0;
    private final double[] priorMean;
    private final double[] priorPrecision;
    private final double[][] predictAt;
    private final double logDetPrior;

    /**
     * @param priorPrecision λ0 (1 value broadcast, or p): w | τ ~ N(m0, (τ diag(λ0))⁻¹)
     */
    public NormalGammaLinearRegression(Design design, double a0, double b0, double[] priorMean, double[] priorPrecision,
            double[][] predictAt) {
        this.design = design;
        this.a0 = InvalidParameterException.requirePositive("noise.shape", a0);
        this.b0 = InvalidParameterException.requirePositive("noise.rate", b0);
        int p = design.size();
        this.priorMean = Priors.expand("mean", priorMean, p, false);
        this.priorPrecision = Priors.expand("precision", priorPrecision, p, true);
        double logDet = 0;
        for (double v : this.priorPrecision) {
            logDet += Math.log(v);
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
        return p * p + p + 2;
    }

    @Override
    public double[] prior() {
        int p = design.size();
        double[] eta = new double[dimension()];
        double quad = 0;
        for (int i = 0; i < p; i++) {
            eta[i * p + i] = priorPrecision[i];
            eta[p * p + i] = priorPrecision[i] * priorMean[i];
            quad += priorPrecision[i] * priorMean[i] * priorMean[i];
        }
        eta[p * p + p] = a0;
        eta[p * p + p + 1] = 2 * b0 + quad;
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
        design.addOuter(r, 1.0, acc, 0);
        design.addTarget(r, 1.0, acc, p * p);
        acc[p * p + p] += 0.5;
        acc[p * p + p + 1] += r.y() * r.y();
        acc[p * p + p + 2] -= 0.5 * LOG_2PI;
    }

    /** The Gaussian part and (a, b) of λ. */
    private record Standard(GaussianNatural w, double a, double b) {
    }

    private Standard standard(double[] lambda) {
        int p = design.size();
        GaussianNatural g = new GaussianNatural(p, lambda, 0, lambda, p * p);
        double hm = 0;
        for (int i = 0; i < p; i++) {
            hm += lambda[p * p + i] * g.mean(i);
        }
        return new Standard(g, lambda[p * p + p], 0.5 * (lambda[p * p + p + 1] - hm));
    }

    @Override
    public double expectedLogLikelihood(double[] lambda, double[] t) {
        return expectedLogLikelihood(standard(lambda), t);
    }

    private double expectedLogLikelihood(Standard s, double[] t) {
        int p = design.size();
        GaussianNatural g = s.w();
        double n = 2 * t[p * p + p];
        double cross = 0;
        double mSm = 0;
        double traceCov = 0;
        for (int i = 0; i < p; i++) {
            cross += g.mean(i) * t[p * p + i];
            for (int j = 0; j < p; j++) {
                mSm += g.mean(i) * t[i * p + j] * g.mean(j);
                traceCov += g.covariance(i, j) * t[j * p + i];
            }
        }
        return 0.5 * n * GammaFactor.expectedLog(s.a(), s.b())
                - 0.5 * (s.a() / s.b()) * (t[p * p + p + 1] - 2 * cross + mSm)
                - 0.5 * traceCov + t[p * p + p + 2];
    }

    @Override
    public double klFromPrior(double[] lambda) {
        return kl(standard(lambda));
    }

    private double kl(Standard s) {
        int p = design.size();
        GaussianNatural g = s.w();
        double trace = 0;
        double quad = 0;
        for (int i = 0; i < p; i++) {
            trace += priorPrecision[i] * g.covariance(i, i);
            double dm = g.mean(i) - priorMean[i];
            quad += priorPrecision[i] * dm * dm;
        }
        return GammaFactor.kl(s.a(), s.b(), a0, b0)
                + 0.5 * (trace - p - logDetPrior + g.logDetPrecision() + (s.a() / s.b()) * quad);
    }

    @Override
    public double elbo(double[] lambda, double[] statistics) {
        Standard s = standard(lambda);
        return expectedLogLikelihood(s, statistics) - kl(s);
    }

    @Override
    public String checkDomain(double[] lambda) {
        try {
            Standard s = standard(lambda);
            if (!(s.a() > 0) || !(s.b() > 0)) {
                return "noise posterior needs a, b > 0, got a=" + s.a() + ", b=" + s.b();
            }
            return null;
        } catch (MathIllegalArgumentException e) {
            return "posterior precision is not positive definite: " + e.getMessage();
        }
    }

    /** The log evidence ln p(y_1..n) of data with statistics T, in closed form (for checks). */
    public double logEvidence(double[] lambda, double[] t) {
        Standard s = standard(lambda);
        int p = design.size();
        double n = 2 * t[p * p + p];
        return -0.5 * n * LOG_2PI + 0.5 * (logDetPrior - s.w().logDetPrecision())
                + a0 * Math.log(b0) - s.a() * Math.log(s.b()) + Gamma.logGamma(s.a()) - Gamma.logGamma(a0);
    }

    @Override
    public Posterior posterior(double[] lambda) {
        Standard s = standard(lambda);
        GaussianNatural g = s.w();
        int p = design.size();
        double a = s.a();
        double b = s.b();
        TDistribution t = new TDistribution(2 * a);
        List<ParameterSummary> summaries = new ArrayList<>(p + 2);
        for (int i = 0; i < p; i++) {
            summaries.add(studentT(design.name(i), t, g.mean(i), Math.sqrt(b / a * g.covariance(i, i)), a));
        }
        summaries.add(GammaFactor.summary("tau", a, b));
        summaries.add(GammaFactor.inverseSummary("sigma2", a, b));
        double[] precision = new double[p * p];
        System.arraycopy(lambda, 0, precision, 0, p * p);
        return new Posterior("NormalGamma",
                List.of(new NamedParameter("mean", new int[] {p}, g.mean()),
                        new NamedParameter("precision", new int[] {p, p}, precision),
                        NamedParameter.scalar("shape", a), NamedParameter.scalar("rate", b)),
                summaries);
    }

    @Override
    public List<ParameterSummary> predictive(double[] lambda) {
        Standard s = standard(lambda);
        TDistribution t = new TDistribution(2 * s.a());
        List<ParameterSummary> out = new ArrayList<>(predictAt.length);
        for (int k = 0; k < predictAt.length; k++) {
            double[] z = design.z(predictAt[k]);
            double mean = 0;
            for (int i = 0; i < z.length; i++) {
                mean += z[i] * s.w().mean(i);
            }
            double scale = Math.sqrt(s.b() / s.a() * (1 + s.w().quadraticCovariance(z)));
            out.add(studentT("y@" + k, t, mean, scale, s.a()));
        }
        return out;
    }

    /** loc + scale·T(2a): sd = scale √(a/(a − 1)) for a > 1. */
    static ParameterSummary studentT(String name, TDistribution t, double loc, double scale, double a) {
        double sd = a > 1 ? scale * Math.sqrt(a / (a - 1)) : Double.POSITIVE_INFINITY;
        double q = t.inverseCumulativeProbability(0.975);
        return new ParameterSummary(name, loc, sd, loc - q * scale, loc, loc + q * scale);
    }

    /** τ ~ Gamma(a, b), w | τ ~ N(m, (τΛ)⁻¹), then y ~ N(zᵀw, 1/τ); θ = (w, τ). */
    @Override
    public PredictiveSampler predictiveSampler(double[] lambda) {
        Standard s = standard(lambda);
        int p = design.size();
        GaussianDraws unit = GaussianDraws.full(new double[p], s.w().covarianceArray());
        double[] mean = s.w().mean();
        return design.predictiveSampler(rng -> {
            double tau = rng.nextGamma(s.a(), 1 / s.b());
            double[] z = unit.draw(rng);
            double[] theta = new double[p + 1];
            for (int i = 0; i < p; i++) {
                theta[i] = mean[i] + z[i] / Math.sqrt(tau);
            }
            theta[p] = tau;
            return theta;
        }, (eta, exposure, theta, rng) -> rng.nextNormal(eta, 1 / Math.sqrt(theta[p])));
    }
}
