package io.streamvi.model.conjugate;

import org.hipparchus.random.RandomDataGenerator;
import io.streamvi.model.check.PredictiveSampler;
import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.observation.Count;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.posterior.NamedParameter;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.posterior.Posterior;
import java.util.List;
import io.streamvi.model.meanfield.GammaFactor;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

/**
 * Gamma-Poisson with exposure: y ~ Poisson(θ e), θ ~ Gamma(shape a0, rate b0). Event counts per
 * key (requests per minute, defects per batch), where e is the interval length, area or number of
 * trials the count was observed over, so that counts over different intervals combine correctly.
 *
 * <p>λ = (a, b) with t(y, e) = (y, e) and log h(y, e) = y ln e − ln y!. With
 * E_q[ln θ] = ψ(a) − ln b and E_q[θ] = a / b:
 * <pre>
 *   E_q[ln p(y | θ)] = T_y (ψ(a) − ln b) − T_e a/b + Σ log h
 *   KL(Gamma(a, b) ‖ Gamma(a0, b0)) = (a − a0) ψ(a) − ln Γ(a) + ln Γ(a0) + a0 (ln b − ln b0) + a (b0 − b) / b
 * </pre>
 * At the exact posterior the ELBO is the log evidence
 * a0 ln b0 − ln Γ(a0) − a ln b + ln Γ(a) + Σ log h.
 */
public final class GammaPoisson implements ConjugateFamily {

    public static final String TYPE = "gamma-poisson";
    private final double shape0;
    private final double rate0;

    public GammaPoisson(double shape, double rate) {
        this.shape0 = InvalidParameterException.requirePositive("shape", shape);
        this.rate0 = InvalidParameterException.requirePositive("rate", rate);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double[] prior() {
        return new double[] {shape0, rate0};
    }

    @Override
    public String validate(Observation x) {
        if (!(x instanceof Count c)) {
            return "expects a Count payload, got " + x.kind();
        }
        if (c.count() < 0) {
            return "Count.count must be >= 0 (was " + c.count() + ")";
        }
        if (!(c.exposure() > 0)) {
            return "Count.exposure must be > 0 (was " + c.exposure() + ")";
        }
        return null;
    }

    @Override
    public void addStatistics(Observation x, double[] accumulator) {
        Count c = (Count) x;
        accumulator[0] += c.count();
        accumulator[1] += c.exposure();
        accumulator[2] += c.count() * Math.log(c.exposure()) - Gamma.logGamma(c.count() + 1.0);
    }

    @Override
    public double expectedLogLikelihood(double[] lambda, double[] statistics) {
        double a = lambda[0];
        double b = lambda[1];
        return statistics[0] * (Gamma.digamma(a) - Math.log(b)) - statistics[1] * a / b + statistics[2];
    }

    @Override
    public double klFromPrior(double[] lambda) {
        double a = lambda[0];
        double b = lambda[1];
        return (a - shape0) * Gamma.digamma(a) - Gamma.logGamma(a) + Gamma.logGamma(shape0)
                + shape0 * (Math.log(b) - Math.log(rate0)) + a * (rate0 - b) / b;
    }

    @Override
    public String checkDomain(double[] lambda) {
        if (!(lambda[0] > 0) || !(lambda[1] > 0)) {
            return "Gamma parameters must be > 0, got shape=" + lambda[0] + ", rate=" + lambda[1];
        }
        return null;
    }

    @Override
    public Posterior posterior(double[] lambda) {
        double a = lambda[0];
        double b = lambda[1];
        return new Posterior("Gamma",
                List.of(NamedParameter.scalar("shape", a), NamedParameter.scalar("rate", b)),
                List.of(GammaFactor.summary("theta", a, b)));
    }

    /**
     * The count over one unit of exposure: negative binomial with r = a, success probability
     * p = b / (b + 1), mean a/b, variance (a/b)(1 + 1/b). Its distribution function is the
     * regularised incomplete beta P(Y ≤ k) = I_p(a, k + 1), and quantiles the smallest k with
     * P(Y ≤ k) ≥ q.
     */
    @Override
    public List<ParameterSummary> predictive(double[] lambda) {
        double a = lambda[0];
        double b = lambda[1];
        double p = b / (b + 1.0);
        double mean = a / b;
        return List.of(new ParameterSummary("y", mean, Math.sqrt(mean * (1.0 + 1.0 / b)),
                negativeBinomialQuantile(a, p, 0.025), negativeBinomialQuantile(a, p, 0.5),
                negativeBinomialQuantile(a, p, 0.975)));
    }

    private static double negativeBinomialQuantile(double r, double p, double q) {
        // bracket around the mean (r(1−p)/p) by 12 sds, widened only if needed, so that the search
        // costs O(log sd) evaluations and never overflows
        double mean = r * (1 - p) / p;
        double sd = Math.sqrt(mean / p);
        long lo = Math.max(-1L, (long) Math.floor(mean - 12 * sd) - 1);
        if (lo >= 0 && Beta.regularizedBeta(p, r, lo + 1.0) >= q) {
            lo = -1; // P(Y <= -1) = 0 < q
        }
        long hi = (long) Math.min(Long.MAX_VALUE / 4.0, Math.ceil(mean + 12 * sd) + 1);
        while (Beta.regularizedBeta(p, r, hi + 1.0) < q && hi < Long.MAX_VALUE / 4) {
            hi = Math.min(Long.MAX_VALUE / 4, hi * 2 + 1);
        }
        while (hi - lo > 1) {
            long mid = (lo + hi) >>> 1;
            if (Beta.regularizedBeta(p, r, mid + 1.0) >= q) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** θ ~ Gamma(shape, rate), then y ~ Poisson(exposure·θ). */
    @Override
    public PredictiveSampler predictiveSampler(double[] lambda) {
        double shape = lambda[0];
        double rate = lambda[1];
        return new PredictiveSampler() {
            @Override
            public double[] drawParameters(RandomDataGenerator rng) {
                return new double[] {rng.nextGamma(shape, 1 / rate)};
            }

            @Override
            public Observation drawObservation(double[] theta, Observation like, RandomDataGenerator rng) {
                double exposure = ((Count) like).exposure();
                double mean = exposure * theta[0];
                return new Count(mean > 0 ? rng.nextPoisson(mean) : 0, exposure);
            }
        };
    }
}
