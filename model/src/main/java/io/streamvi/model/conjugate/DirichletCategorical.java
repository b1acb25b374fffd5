package io.streamvi.model.conjugate;

import org.hipparchus.random.RandomDataGenerator;
import io.streamvi.model.check.PredictiveSampler;
import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.observation.Category;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.posterior.NamedParameter;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.posterior.Posterior;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.special.Gamma;

/**
 * Dirichlet-Categorical: y ∈ {0..K−1} ~ Categorical(π), π ~ Dirichlet(α0). Which of K outcomes
 * happens (click position, error class).
 *
 * <p>λ = α with t(y) = e_y (one-hot), log h = 0. With E[ln π_k] = ψ(α_k) − ψ(Σα):
 * <pre>
 *   E_q[ln p(y_1..n | π)] = Σ_k T_k (ψ(α_k) − ψ(α_+))
 *   KL(Dir(α) ‖ Dir(α0)) = ln Γ(α_+) − Σ ln Γ(α_k) − ln Γ(α0_+) + Σ ln Γ(α0_k) + Σ (α_k − α0_k)(ψ(α_k) − ψ(α_+))
 * </pre>
 * Each π_k is marginally Beta(α_k, α_+ − α_k); the predictive is P(y = k) = α_k / α_+.
 */
public final class DirichletCategorical implements ConjugateFamily {

    public static final String TYPE = "dirichlet-categorical";
    private static final double QUANTILE_ACCURACY = 1e-15;

    private final double[] alpha0;
    private final double logNormPrior;

    public DirichletCategorical(double[] alpha0) {
        if (alpha0.length < 2) {
            throw new InvalidParameterException("alpha", alpha0.length, "needs at least 2 categories");
        }
        for (int k = 0; k < alpha0.length; k++) {
            InvalidParameterException.requirePositive("alpha[" + k + "]", alpha0[k]);
        }
        this.alpha0 = alpha0.clone();
        this.logNormPrior = logNormaliser(alpha0);
    }

    /** ln Γ(α_+) − Σ ln Γ(α_k), the log of the Dirichlet's normalising constant. */
    private static double logNormaliser(double[] alpha) {
        double sum = 0;
        double lg = 0;
        for (double a : alpha) {
            sum += a;
            lg += Gamma.logGamma(a);
        }
        return Gamma.logGamma(sum) - lg;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int dimension() {
        return alpha0.length;
    }

    @Override
    public double[] prior() {
        return alpha0.clone();
    }

    @Override
    public String validate(Observation x) {
        if (!(x instanceof Category c)) {
            return "expects a Category payload, got " + x.kind();
        }
        if (c.index() < 0 || c.index() >= alpha0.length) {
            return "Category.index must be in 0.." + (alpha0.length - 1) + " (was " + c.index() + ")";
        }
        return null;
    }

    @Override
    public void addStatistics(Observation x, double[] acc) {
        acc[((Category) x).index()] += 1;
    }

    @Override
    public double expectedLogLikelihood(double[] lambda, double[] t) {
        double psiSum = Gamma.digamma(sum(lambda));
        double e = 0;
        for (int k = 0; k < lambda.length; k++) {
            e += t[k] * (Gamma.digamma(lambda[k]) - psiSum);
        }
        return e + t[lambda.length];
    }

    @Override
    public double klFromPrior(double[] lambda) {
        double psiSum = Gamma.digamma(sum(lambda));
        double kl = logNormaliser(lambda) - logNormPrior;
        for (int k = 0; k < lambda.length; k++) {
            kl += (lambda[k] - alpha0[k]) * (Gamma.digamma(lambda[k]) - psiSum);
        }
        return kl;
    }

    @Override
    public String checkDomain(double[] lambda) {
        for (int k = 0; k < lambda.length; k++) {
            if (!(lambda[k] > 0)) {
                return "Dirichlet parameters must be > 0, got alpha[" + k + "]=" + lambda[k];
            }
        }
        return null;
    }

    @Override
    public Posterior posterior(double[] lambda) {
        double total = sum(lambda);
        List<ParameterSummary> summaries = new ArrayList<>(lambda.length);
        for (int k = 0; k < lambda.length; k++) {
            double a = lambda[k];
            double b = 0; // the sum of the others, not total − a, which rounds to 0 when α_k dwarfs them
            for (int j = 0; j < lambda.length; j++) {
                if (j != k) {
                    b += lambda[j];
                }
            }
            BetaDistribution marginal = new BetaDistribution(a, b, QUANTILE_ACCURACY);
            summaries.add(new ParameterSummary("pi[" + k + "]", a / total,
                    Math.sqrt(a * b / (total * total * (total + 1))), marginal.inverseCumulativeProbability(0.025),
                    marginal.inverseCumulativeProbability(0.5), marginal.inverseCumulativeProbability(0.975)));
        }
        return new Posterior("Dirichlet", List.of(new NamedParameter("alpha", new int[] {lambda.length}, lambda)),
                summaries);
    }

    /** P(y = k) per category; the interval of an indicator is {0, 1} by the same rule as a Bernoulli. */
    @Override
    public List<ParameterSummary> predictive(double[] lambda) {
        double total = sum(lambda);
        List<ParameterSummary> out = new ArrayList<>(lambda.length);
        for (int k = 0; k < lambda.length; k++) {
            double p = lambda[k] / total;
            org.hipparchus.distribution.discrete.BinomialDistribution y =
                    new org.hipparchus.distribution.discrete.BinomialDistribution(1, p);
            out.add(new ParameterSummary("y=" + k, p, Math.sqrt(p * (1 - p)), y.inverseCumulativeProbability(0.025),
                    y.inverseCumulativeProbability(0.5), y.inverseCumulativeProbability(0.975)));
        }
        return out;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /** p ~ Dirichlet(α) (normalised Gamma draws), then y ~ Categorical(p). */
    @Override
    public PredictiveSampler predictiveSampler(double[] lambda) {
        double[] alpha = lambda.clone();
        return new PredictiveSampler() {
            @Override
            public double[] drawParameters(RandomDataGenerator rng) {
                double[] p = new double[alpha.length];
                double sum = 0;
                for (int k = 0; k < p.length; k++) {
                    p[k] = rng.nextGamma(alpha[k], 1);
                    sum += p[k];
                }
                for (int k = 0; k < p.length; k++) {
                    p[k] /= sum;
                }
                return p;
            }

            @Override
            public Observation drawObservation(double[] theta, Observation like, RandomDataGenerator rng) {
                double u = rng.nextDouble();
                double cumulative = 0;
                for (int k = 0; k < theta.length - 1; k++) {
                    cumulative += theta[k];
                    if (u < cumulative) {
                        return new Category(k);
                    }
                }
                return new Category(theta.length - 1);
            }
        };
    }
}
