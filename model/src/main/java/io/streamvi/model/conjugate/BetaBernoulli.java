package io.streamvi.model.conjugate;

import org.hipparchus.random.RandomDataGenerator;
import io.streamvi.model.check.PredictiveSampler;
import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.observation.BinaryOutcome;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.posterior.NamedParameter;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.posterior.Posterior;
import java.util.List;
import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.distribution.discrete.BinomialDistribution;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

/**
 * Beta-Bernoulli: y ~ Bernoulli(θ), θ ~ Beta(α0, β0). Conversion rates, click-through rates,
 * A/B tests.
 *
 * <p>λ = (α, β), the natural parameter (α − 1, β − 1) shifted by one; t(y) = (y, 1 − y).
 * With E_q[log θ] = ψ(α) − ψ(α + β) and E_q[log(1 − θ)] = ψ(β) − ψ(α + β):
 * <pre>
 *   E_q[log p(y | θ)] = T1 E[log θ] + T0 E[log(1 − θ)]
 *   KL(Beta(α, β) ‖ Beta(α0, β0)) = ln B(α0, β0) − ln B(α, β) + (α − α0) ψ(α) + (β − β0) ψ(β)
 *                                   + (α0 − α + β0 − β) ψ(α + β)
 * </pre>
 * At the exact posterior the ELBO equals the log evidence ln B(α, β) − ln B(α0, β0).
 */
public final class BetaBernoulli implements ConjugateFamily {

    public static final String TYPE = "beta-bernoulli";

    /** Absolute accuracy of quantiles (Hipparchus' default, 1e-9, is coarse for rates near 0). */
    private static final double QUANTILE_ACCURACY = 1e-15;

    private final double alpha0;
    private final double beta0;
    private final double logBetaPrior;

    public BetaBernoulli(double alpha0, double beta0) {
        this.alpha0 = InvalidParameterException.requirePositive("alpha", alpha0);
        this.beta0 = InvalidParameterException.requirePositive("beta", beta0);
        this.logBetaPrior = Beta.logBeta(alpha0, beta0);
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
        return new double[] {alpha0, beta0};
    }

    @Override
    public String validate(Observation x) {
        return x instanceof BinaryOutcome ? null : "expects a BinaryOutcome payload, got " + x.kind();
    }

    @Override
    public void addStatistics(Observation x, double[] accumulator) {
        // log h(y) = 0: nothing to add to accumulator[2]
        if (((BinaryOutcome) x).success()) {
            accumulator[0] += 1.0;
        } else {
            accumulator[1] += 1.0;
        }
    }

    @Override
    public double expectedLogLikelihood(double[] lambda, double[] statistics) {
        double psiSum = Gamma.digamma(lambda[0] + lambda[1]);
        return statistics[0] * (Gamma.digamma(lambda[0]) - psiSum)
                + statistics[1] * (Gamma.digamma(lambda[1]) - psiSum);
    }

    @Override
    public double klFromPrior(double[] lambda) {
        double a = lambda[0];
        double b = lambda[1];
        return logBetaPrior - Beta.logBeta(a, b)
                + (a - alpha0) * Gamma.digamma(a)
                + (b - beta0) * Gamma.digamma(b)
                + (alpha0 - a + beta0 - b) * Gamma.digamma(a + b);
    }

    /** P(y = 1 | data) = α / (α + β); the interval is the predictive's 2.5% and 97.5% quantiles. */
    @Override
    public List<ParameterSummary> predictive(double[] lambda) {
        double p = lambda[0] / (lambda[0] + lambda[1]);
        BinomialDistribution y = new BinomialDistribution(1, p);
        return List.of(new ParameterSummary("y", p, Math.sqrt(p * (1 - p)), y.inverseCumulativeProbability(0.025),
                y.inverseCumulativeProbability(0.5), y.inverseCumulativeProbability(0.975)));
    }

    @Override
    public String checkDomain(double[] lambda) {
        if (!(lambda[0] > 0) || !(lambda[1] > 0)) {
            return "Beta parameters must be > 0, got alpha=" + lambda[0] + ", beta=" + lambda[1];
        }
        return null;
    }

    @Override
    public Posterior posterior(double[] lambda) {
        double a = lambda[0];
        double b = lambda[1];
        double n = a + b;
        double mean = a / n;
        double sd = Math.sqrt(a * b / (n * n * (n + 1.0)));
        BetaDistribution dist = new BetaDistribution(a, b, QUANTILE_ACCURACY);
        ParameterSummary theta = new ParameterSummary("theta", mean, sd,
                dist.inverseCumulativeProbability(0.025),
                dist.inverseCumulativeProbability(0.5),
                dist.inverseCumulativeProbability(0.975));
        return new Posterior("Beta",
                List.of(NamedParameter.scalar("alpha", a), NamedParameter.scalar("beta", b)),
                List.of(theta));
    }

    /** θ ~ Beta(α, β), then y ~ Bernoulli(θ). */
    @Override
    public PredictiveSampler predictiveSampler(double[] lambda) {
        double a = lambda[0];
        double b = lambda[1];
        return new PredictiveSampler() {
            @Override
            public double[] drawParameters(RandomDataGenerator rng) {
                return new double[] {rng.nextBeta(a, b)};
            }

            @Override
            public Observation drawObservation(double[] theta, Observation like, RandomDataGenerator rng) {
                return new BinaryOutcome(rng.nextDouble() < theta[0]);
            }
        };
    }
}
