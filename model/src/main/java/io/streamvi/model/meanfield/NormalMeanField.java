package io.streamvi.model.meanfield;

import org.hipparchus.random.RandomDataGenerator;
import io.streamvi.model.check.PredictiveSampler;
import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.RealValue;
import io.streamvi.model.posterior.NamedParameter;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.posterior.Posterior;
import java.util.List;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Normal with unknown mean and precision, x ~ N(μ, 1/τ), fitted with the mean-field family
 * q(μ) q(τ) = N(m, v) Gamma(a, b) — the classic example of variational inference (Bishop 2006
 * §10.1.3). Two priors:
 * <ul>
 *   <li>independent: μ ~ N(μ0, s0²), τ ~ Gamma(a0, b0) (no conjugate posterior exists);
 *   <li>conjugate: μ | τ ~ N(μ0, 1/(κ0 τ)), τ ~ Gamma(a0, b0), whose exact posterior is the
 *       Normal-Gamma ({@link io.streamvi.model.conjugate.NormalGamma}), against which the
 *       under-stated variance of the mean-field q(μ) can be measured.
 * </ul>
 * With T = (n, Σx, Σx²) and E_μ[Σ(x − μ)²] = Σx² − 2mΣx + n(m² + v), the coordinate updates are
 * <pre>
 *   independent: 1/v = 1/s0² + E[τ] n,   m/v = μ0/s0² + E[τ] Σx;     a = a0 + n/2,
 *                b = b0 + ½ E_μ[Σ(x − μ)²]
 *   conjugate:   1/v = E[τ](κ0 + n),     m/v = E[τ](κ0 μ0 + Σx);     a = a0 + (n + 1)/2,
 *                b = b0 + ½ (E_μ[Σ(x − μ)²] + κ0 ((m − μ0)² + v))
 * </pre>
 * q is stored as (m/v, 1/v, a, b), natural parameters up to an affine map. The statistics are
 * raw sums of x and x², so with data far from zero relative to their spread b loses digits to
 * cancellation: standardise such data (the conjugate {@link io.streamvi.model.conjugate.NormalGamma}
 * works in coordinates x − μ0 instead).
 */
public final class NormalMeanField implements MeanFieldFamily {

    public static final String TYPE = "normal-meanfield";
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final boolean conjugatePrior;
    private final double mu0;
    private final double priorScale; // s0² (independent) or κ0 (conjugate)
    private final double a0;
    private final double b0;

    private NormalMeanField(boolean conjugatePrior, double mu0, double priorScale, double a0, double b0) {
        if (!Double.isFinite(mu0)) {
            throw new InvalidParameterException("mu0", mu0, "must be finite");
        }
        this.conjugatePrior = conjugatePrior;
        this.mu0 = mu0;
        this.priorScale = priorScale;
        this.a0 = InvalidParameterException.requirePositive("a0", a0);
        this.b0 = InvalidParameterException.requirePositive("b0", b0);
    }

    /** μ ~ N(μ0, variance0), τ ~ Gamma(a0, rate b0), independent. */
    public static NormalMeanField independentPrior(double mu0, double variance0, double a0, double b0) {
        return new NormalMeanField(false, mu0, InvalidParameterException.requirePositive("variance0", variance0), a0, b0);
    }

    /** μ | τ ~ N(μ0, 1/(κ0 τ)), τ ~ Gamma(a0, rate b0). */
    public static NormalMeanField conjugatePrior(double mu0, double kappa0, double a0, double b0) {
        return new NormalMeanField(true, mu0, InvalidParameterException.requirePositive("kappa0", kappa0), a0, b0);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int statisticsDimension() {
        return 4;
    }

    @Override
    public int variationalDimension() {
        return 4;
    }

    @Override
    public String validate(Observation x) {
        return x instanceof RealValue ? null : "expects a RealValue payload, got " + x.kind();
    }

    @Override
    public void addStatistics(Observation x, double[] acc) {
        double v = ((RealValue) x).value();
        acc[0] += 1;
        acc[1] += v;
        acc[2] += v * v;
        acc[3] -= 0.5 * LOG_2PI;
    }

    @Override
    public double[] initialVariational() {
        // q = prior marginals: μ ~ N(μ0, s0²) (for the conjugate prior, N(μ0, b0/(a0 κ0)) at E[τ] = a0/b0)
        double v = conjugatePrior ? b0 / (a0 * priorScale) : priorScale;
        return new double[] {mu0 / v, 1 / v, a0, b0};
    }

    @Override
    public void step(double[] t, double rho, double[] q) {
        double n = t[0];
        double sx = t[1];
        double sxx = t[2];
        double eTau = q[2] / q[3];
        double precision;
        double precisionMean;
        if (conjugatePrior) {
            precision = eTau * (priorScale + n);
            precisionMean = eTau * (priorScale * mu0 + sx);
        } else {
            precision = 1 / priorScale + eTau * n;
            precisionMean = mu0 / priorScale + eTau * sx;
        }
        q[0] = (1 - rho) * q[0] + rho * precisionMean;
        q[1] = (1 - rho) * q[1] + rho * precision;
        double m = q[0] / q[1];
        double v = 1 / q[1];
        double squares = sxx - 2 * m * sx + n * (m * m + v);
        double a;
        double b;
        if (conjugatePrior) {
            a = a0 + 0.5 * (n + 1);
            b = b0 + 0.5 * (squares + priorScale * ((m - mu0) * (m - mu0) + v));
        } else {
            a = a0 + 0.5 * n;
            b = b0 + 0.5 * squares;
        }
        q[2] = (1 - rho) * q[2] + rho * a;
        q[3] = (1 - rho) * q[3] + rho * b;
    }

    @Override
    public double elbo(double[] q, double[] t) {
        double n = t[0];
        double m = q[0] / q[1];
        double v = 1 / q[1];
        double a = q[2];
        double b = q[3];
        double eTau = a / b;
        double eLogTau = GammaFactor.expectedLog(a, b);
        double likelihood = 0.5 * n * eLogTau - 0.5 * eTau * (t[2] - 2 * m * t[1] + n * (m * m + v)) + t[3];
        double muTerm;
        if (conjugatePrior) {
            // E[ln p(μ | τ)] + H[q(μ)]
            muTerm = 0.5 * (eLogTau + Math.log(priorScale) - LOG_2PI)
                    - 0.5 * priorScale * eTau * ((m - mu0) * (m - mu0) + v)
                    + 0.5 * (LOG_2PI + 1 + Math.log(v));
        } else {
            // −KL(N(m, v) ‖ N(μ0, s0²))
            muTerm = -(0.5 * Math.log(priorScale / v) + (v + (m - mu0) * (m - mu0)) / (2 * priorScale) - 0.5);
        }
        return likelihood + muTerm - GammaFactor.kl(a, b, a0, b0);
    }

    @Override
    public String checkDomain(double[] q) {
        if (!(q[1] > 0) || !(q[2] > 0) || !(q[3] > 0)) {
            return "needs precision of q(mu) > 0 and Gamma a, b > 0, got " + q[1] + ", " + q[2] + ", " + q[3];
        }
        return null;
    }

    @Override
    public Posterior posterior(double[] q) {
        double m = q[0] / q[1];
        double v = 1 / q[1];
        NormalDistribution mu = new NormalDistribution(m, Math.sqrt(v));
        return new Posterior("Normal x Gamma (mean-field)",
                List.of(NamedParameter.scalar("mu.mean", m), NamedParameter.scalar("mu.variance", v),
                        NamedParameter.scalar("tau.shape", q[2]), NamedParameter.scalar("tau.rate", q[3])),
                List.of(new ParameterSummary("mu", m, Math.sqrt(v), mu.inverseCumulativeProbability(0.025), m,
                                mu.inverseCumulativeProbability(0.975)),
                        GammaFactor.summary("tau", q[2], q[3])));
    }

    /** μ ~ N(m, v) and τ ~ Gamma(a, b) independently (the mean-field q), then y ~ N(μ, 1/τ). */
    @Override
    public PredictiveSampler predictiveSampler(double[] q) {
        double m = q[0] / q[1];
        double sd = 1 / Math.sqrt(q[1]);
        double a = q[2];
        double b = q[3];
        return new PredictiveSampler() {
            @Override
            public double[] drawParameters(RandomDataGenerator rng) {
                return new double[] {rng.nextNormal(m, sd), rng.nextGamma(a, 1 / b)};
            }

            @Override
            public Observation drawObservation(double[] theta, Observation like, RandomDataGenerator rng) {
                return new RealValue(rng.nextNormal(theta[0], 1 / Math.sqrt(theta[1])));
            }
        };
    }
}
