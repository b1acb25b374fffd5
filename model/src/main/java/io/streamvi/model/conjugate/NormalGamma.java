package io.streamvi.model.conjugate;

import org.hipparchus.random.RandomDataGenerator;
import io.streamvi.model.check.PredictiveSampler;
import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.RealValue;
import io.streamvi.model.posterior.NamedParameter;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.posterior.Posterior;
import java.util.List;
import io.streamvi.model.meanfield.GammaFactor;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.special.Gamma;

/**
 * Normal with unknown mean and precision, conjugate form: x ~ N(μ, 1/τ), μ | τ ~ N(μ0, 1/(κ0 τ)),
 * τ ~ Gamma(a0, rate b0). Sensor values per key.
 *
 * <p>Additive parameter λ = (κ, κμ, a, 2b + κμ²) with t(x) = (1, x, 1/2, x²) and
 * log h(x) = −½ ln 2π; so κ_n = κ0 + n, κ_n μ_n = κ0 μ0 + Σx, a_n = a0 + n/2 and
 * b_n = b0 + ½(Σx² + κ0 μ0² − κ_n μ_n²) (Murphy 2007, "Conjugate Bayesian analysis of the
 * Gaussian distribution", §8). Under q: E[τ] = a/b, E[ln τ] = ψ(a) − ln b, E[τμ] = μ a/b,
 * E[τμ²] = μ² a/b + 1/κ, so
 * <pre>
 *   E_q[ln p(x_1..n | μ, τ)] = (n/2)(ψ(a) − ln b) − ½ (a/b)(Σx² − 2μΣx + nμ²) − n/(2κ) + Σ log h
 *   KL = KL(Gamma(a, b) ‖ Gamma(a0, b0)) + ½(κ0/κ − 1 − ln(κ0/κ)) + ½ κ0 (a/b)(μ − μ0)²
 * </pre>
 * Marginals: μ ~ Student-t(2a, μ_n, √(b/(aκ))), τ ~ Gamma(a, b); the predictive of a new x is
 * Student-t(2a, μ_n, √(b(κ + 1)/(aκ))).
 *
 * <p>Numerics: λ is kept for x − μ0 (an affine change of variable, exact for every update), so b
 * is a difference of sums of squared deviations from μ0, not from 0; with data far from μ0
 * relative to their spread that difference cancels (e.g. x ≈ 1e8 ± 1 with μ0 = 0): set μ0 near
 * the data, or standardise them.
 */
public final class NormalGamma implements ConjugateFamily {

    public static final String TYPE = "normal-gamma";
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double mu0;
    private final double kappa0;
    private final double a0;
    private final double b0;
    private final double[] prior;

    public NormalGamma(double mu0, double kappa0, double a0, double b0) {
        if (!Double.isFinite(mu0)) {
            throw new InvalidParameterException("mu0", mu0, "must be finite");
        }
        this.mu0 = mu0;
        this.kappa0 = InvalidParameterException.requirePositive("kappa0", kappa0);
        this.a0 = InvalidParameterException.requirePositive("a0", a0);
        this.b0 = InvalidParameterException.requirePositive("b0", b0);
        this.prior = new double[] {kappa0, 0, a0, 2 * b0}; // coordinates x − μ0
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int dimension() {
        return 4;
    }

    @Override
    public double[] prior() {
        return prior.clone();
    }

    @Override
    public String validate(Observation x) {
        return x instanceof RealValue ? null : "expects a RealValue payload, got " + x.kind();
    }

    @Override
    public void addStatistics(Observation x, double[] acc) {
        double v = ((RealValue) x).value() - mu0;
        acc[0] += 1;
        acc[1] += v;
        acc[2] += 0.5;
        acc[3] += v * v;
        acc[4] -= 0.5 * LOG_2PI;
    }

    /** (μ − μ0, κ, a, b) of an additive λ (coordinates x − μ0). */
    private static double[] shifted(double[] lambda) {
        double kappa = lambda[0];
        double mu = lambda[1] / kappa;
        return new double[] {mu, kappa, lambda[2], 0.5 * (lambda[3] - lambda[1] * mu)};
    }

    /** (μ, κ, a, b) of λ. */
    public double[] standard(double[] lambda) {
        double[] s = shifted(lambda);
        s[0] += mu0;
        return s;
    }

    @Override
    public double expectedLogLikelihood(double[] lambda, double[] t) {
        double[] s = shifted(lambda);
        double mu = s[0];
        double kappa = s[1];
        double a = s[2];
        double b = s[3];
        double n = t[0];
        return 0.5 * n * (Gamma.digamma(a) - Math.log(b))
                - 0.5 * (a / b) * (t[3] - 2 * mu * t[1] + n * mu * mu)
                - 0.5 * n / kappa + t[4];
    }

    @Override
    public double klFromPrior(double[] lambda) {
        double[] s = shifted(lambda);
        double mu = s[0];
        double kappa = s[1];
        double a = s[2];
        double b = s[3];
        double klGamma = (a - a0) * Gamma.digamma(a) - Gamma.logGamma(a) + Gamma.logGamma(a0)
                + a0 * (Math.log(b) - Math.log(b0)) + a * (b0 - b) / b;
        double ratio = kappa0 / kappa;
        return klGamma + 0.5 * (ratio - 1 - Math.log(ratio)) + 0.5 * kappa0 * (a / b) * mu * mu; // mu is μ − μ0
    }

    @Override
    public String checkDomain(double[] lambda) {
        double[] s = shifted(lambda);
        if (!(s[1] > 0) || !(s[2] > 0) || !(s[3] > 0)) {
            return "Normal-Gamma needs kappa, a, b > 0, got kappa=" + s[1] + ", a=" + s[2] + ", b=" + s[3];
        }
        return null;
    }

    @Override
    public Posterior posterior(double[] lambda) {
        double[] s = standard(lambda);
        double mu = s[0];
        double kappa = s[1];
        double a = s[2];
        double b = s[3];
        TDistribution t = new TDistribution(2 * a);
        double scale = Math.sqrt(b / (a * kappa));
        return new Posterior("NormalGamma",
                List.of(NamedParameter.scalar("mu", mu), NamedParameter.scalar("kappa", kappa),
                        NamedParameter.scalar("a", a), NamedParameter.scalar("b", b)),
                List.of(studentT("mu", t, mu, scale, a),
                        GammaFactor.summary("tau", a, b)));
    }

    @Override
    public List<ParameterSummary> predictive(double[] lambda) {
        double[] s = standard(lambda);
        double scale = Math.sqrt(s[3] * (s[1] + 1) / (s[2] * s[1]));
        return List.of(studentT("x", new TDistribution(2 * s[2]), s[0], scale, s[2]));
    }

    /**
     * Summary of loc + scale·T with 2a degrees of freedom: sd = scale √(2a/(2a − 2)) when a > 1,
     * infinite otherwise.
     */
    static ParameterSummary studentT(String name, TDistribution t, double loc, double scale, double a) {
        double sd = a > 1 ? scale * Math.sqrt(a / (a - 1)) : Double.POSITIVE_INFINITY;
        return new ParameterSummary(name, loc, sd, loc + scale * t.inverseCumulativeProbability(0.025), loc,
                loc + scale * t.inverseCumulativeProbability(0.975));
    }

    /** τ ~ Gamma(a, b), μ | τ ~ N(μ_n, 1/(κ_n τ)), then y ~ N(μ, 1/τ). */
    @Override
    public PredictiveSampler predictiveSampler(double[] lambda) {
        double[] s = standard(lambda); // (μ_n, κ_n, a, b)
        return new PredictiveSampler() {
            @Override
            public double[] drawParameters(RandomDataGenerator rng) {
                double tau = rng.nextGamma(s[2], 1 / s[3]);
                return new double[] {rng.nextNormal(s[0], 1 / Math.sqrt(s[1] * tau)), tau};
            }

            @Override
            public Observation drawObservation(double[] theta, Observation like, RandomDataGenerator rng) {
                return new RealValue(rng.nextNormal(theta[0], 1 / Math.sqrt(theta[1])));
            }
        };
    }
}
