package io.streamvi.model.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.conjugate.BetaBernoulli;
import io.streamvi.model.conjugate.ConjugateFamily;
import io.streamvi.model.conjugate.ConjugateModel;
import io.streamvi.model.conjugate.GammaPoisson;
import io.streamvi.model.conjugate.NormalGamma;
import io.streamvi.model.glm.NaturalGradientGlm;
import io.streamvi.model.glm.PoissonLikelihood;
import io.streamvi.model.observation.BinaryOutcome;
import io.streamvi.model.observation.Count;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.RealValue;
import io.streamvi.model.observation.Regression;
import io.streamvi.model.regression.Design;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.StreamingModel;
import io.streamvi.model.svi.UpdateMode;
import io.streamvi.model.svi.VariationalState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;

/**
 * Posterior predictive p-values on simulated data (fixed seeds). Well-specified: data drawn from
 * the model's own prior predictive; the p-values must not be extreme more often than a uniform
 * p-value would be (posterior predictive p-values are conservative, so in fact less often).
 * Misspecified: the statistic that captures the misfit is extreme in almost every data set.
 */
class PredictiveCheckTest {

    private static final int DATA_SETS = 100;
    private static final int N = 100;
    private static final int R = 200;

    static ConjugateModel exact(ConjugateFamily f) {
        return new ConjugateModel(f, UpdateMode.EXACT, RobbinsMonroSchedule.of(1, 0.7), new EffectiveDataSize.Seen());
    }

    /** p-values of every statistic over {@code DATA_SETS} data sets made by {@code simulate}. */
    static List<java.util.Map<String, Double>> pValues(StreamingModel model, Function<RandomDataGenerator, List<Observation>> simulate) {
        List<java.util.Map<String, Double>> out = new ArrayList<>();
        for (int d = 0; d < DATA_SETS; d++) {
            RandomDataGenerator rng = new RandomDataGenerator(1000 + d);
            List<Observation> data = simulate.apply(rng);
            VariationalState s = model.update(model.initialState(), data).state();
            out.add(PredictiveCheck.run(((PredictiveReplicator) model).predictiveSampler(s), data, R, 77 + d).pValues());
        }
        return out;
    }

    static double share(List<java.util.Map<String, Double>> ps, String stat, double lower, double upper) {
        return ps.stream().mapToDouble(m -> m.get(stat) < lower || m.get(stat) > upper ? 1 : 0).average().orElseThrow();
    }

    static double mean(List<java.util.Map<String, Double>> ps, String stat) {
        return ps.stream().mapToDouble(m -> m.get(stat)).average().orElseThrow();
    }

    /**
     * Gamma-Poisson on counts from its own prior predictive: for every statistic, p outside
     * [0.025, 0.975] in at most 5% of data sets plus binomial slack (a uniform p would give 5%;
     * with 100 data sets, a binomial sd is 2.2%), and the mean p within 0.5 ± 0.1.
     */
    @Test
    void wellSpecifiedCountsAreNotFlagged() {
        ConjugateModel model = exact(new GammaPoisson(2, 0.5));
        var ps = pValues(model, rng -> {
            double rate = rng.nextGamma(2, 2);
            List<Observation> data = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                data.add(new Count(rng.nextPoisson(rate), 1));
            }
            return data;
        });
        for (String stat : List.of("mean", "variance", "max", "zeros")) {
            assertTrue(share(ps, stat, 0.025, 0.975) <= 0.10, stat + ": " + share(ps, stat, 0.025, 0.975));
            assertEquals(0.5, mean(ps, stat), 0.1, stat);
        }
    }

    /** Over-dispersed counts (negative binomial, shape 0.5, mean 5) under Gamma-Poisson: variance and zeros flagged. */
    @Test
    void overdispersedCountsAreFlagged() {
        ConjugateModel model = exact(new GammaPoisson(2, 0.5));
        var ps = pValues(model, rng -> {
            List<Observation> data = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                data.add(new Count(rng.nextPoisson(rng.nextGamma(0.5, 10)), 1));
            }
            return data;
        });
        assertTrue(share(ps, "variance", 0.01, 1.01) >= 0.95, "variance: " + share(ps, "variance", 0.01, 1.01));
        assertTrue(share(ps, "zeros", 0.01, 1.01) >= 0.95, "zeros: " + share(ps, "zeros", 0.01, 1.01));
        assertTrue(share(ps, "max", 0.01, 1.01) >= 0.5, "max: " + share(ps, "max", 0.01, 1.01));
    }

    /** Sticky binary outcomes (a Markov chain that repeats with probability 0.9) under Beta-Bernoulli: switches flagged. */
    @Test
    void seriallyDependentOutcomesAreFlagged() {
        ConjugateModel model = exact(new BetaBernoulli(1, 1));
        var sticky = pValues(model, rng -> {
            List<Observation> data = new ArrayList<>();
            boolean y = rng.nextDouble() < 0.5;
            for (int i = 0; i < N; i++) {
                y = rng.nextDouble() < 0.9 ? y : !y;
                data.add(new BinaryOutcome(y));
            }
            return data;
        });
        assertTrue(share(sticky, "switches", 0.01, 0.99) >= 0.95, "switches: " + share(sticky, "switches", 0.01, 0.99));
        var iid = pValues(model, rng -> {
            double theta = rng.nextBeta(1, 1);
            List<Observation> data = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                data.add(new BinaryOutcome(rng.nextDouble() < theta));
            }
            return data;
        });
        assertTrue(share(iid, "switches", 0.025, 0.975) <= 0.10, "switches iid: " + share(iid, "switches", 0.025, 0.975));
    }

    /** Heavy-tailed values (Student t, 2 degrees of freedom) under the Normal model: the extremes are flagged. */
    @Test
    void heavyTailsAreFlaggedByTheExtremes() {
        ConjugateModel model = exact(new NormalGamma(0, 0.01, 1, 1));
        org.hipparchus.distribution.continuous.TDistribution t = new org.hipparchus.distribution.continuous.TDistribution(2);
        var heavy = pValues(model, rng -> {
            List<Observation> data = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                data.add(new RealValue(rng.nextDeviate(t)));
            }
            return data;
        });
        double flagged = heavy.stream().mapToDouble(m -> Math.min(m.get("max"), 1 - m.get("min")) < 0.01 ? 1 : 0).average().orElseThrow();
        assertTrue(flagged >= 0.6, "max or min extreme: " + flagged);
        var normal = pValues(model, rng -> {
            List<Observation> data = new ArrayList<>();
            double mu = rng.nextNormal(0, 3);
            for (int i = 0; i < N; i++) {
                data.add(new RealValue(rng.nextNormal(mu, 2)));
            }
            return data;
        });
        for (String stat : List.of("mean", "variance", "min", "max")) {
            assertTrue(share(normal, stat, 0.025, 0.975) <= 0.10, stat + ": " + share(normal, stat, 0.025, 0.975));
        }
    }

    /** Poisson regression fitted to over-dispersed counts with a real covariate effect: the variance is flagged. */
    @Test
    void poissonRegressionOnOverdispersedCountsIsFlagged() {
        NaturalGradientGlm model = new NaturalGradientGlm(new PoissonLikelihood(), new Design(1, true), true, 1.0, 1.0,
                RobbinsMonroSchedule.of(0, 1), new EffectiveDataSize.Fixed(N), new double[][] {{0}});
        int flagged = 0;
        int calm = 0;
        int sets = 40;
        for (int d = 0; d < sets; d++) {
            RandomDataGenerator rng = new RandomDataGenerator(500 + d);
            List<Observation> over = new ArrayList<>();
            List<Observation> fine = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                double x = rng.nextNormal(0, 1);
                double rate = Math.exp(1 + 0.5 * x);
                over.add(new Regression(new double[] {x}, rng.nextPoisson(rng.nextGamma(0.5, 2 * rate)), 1));
                fine.add(new Regression(new double[] {x}, rng.nextPoisson(rate), 1));
            }
            flagged += check(model, over, d).pValues().get("variance") < 0.01 ? 1 : 0;
            calm += check(model, fine, d).mostExtreme() < 0.01 ? 1 : 0;
        }
        assertTrue(flagged >= 0.95 * sets, "flagged " + flagged + " of " + sets);
        assertTrue(calm <= 0.15 * sets, "well-specified extreme in " + calm + " of " + sets);
    }

    static PredictiveCheck.Result check(StreamingModel model, List<Observation> data, long seed) {
        VariationalState s = model.initialState();
        for (int pass = 0; pass < 30; pass++) {
            s = model.update(s, data).state();
        }
        return PredictiveCheck.run(((PredictiveReplicator) model).predictiveSampler(s), data, R, seed);
    }

    @Test
    void sameSeedSameBitsAndPValuesInRange() {
        ConjugateModel model = exact(new GammaPoisson(2, 0.5));
        List<Observation> data = List.of(new Count(3, 1), new Count(0, 2), new Count(5, 1), new Count(1, 0.5));
        VariationalState s = model.update(model.initialState(), data).state();
        var a = PredictiveCheck.run(model.predictiveSampler(s), data, 50, 9);
        var b = PredictiveCheck.run(model.predictiveSampler(s), data, 50, 9);
        assertEquals(a, b);
        a.pValues().values().forEach(p -> assertTrue(p >= 0 && p <= 1, "p = " + p));
        assertEquals(List.of("mean", "variance", "max", "zeros"), List.copyOf(a.pValues().keySet()));
    }

    /** The Gaussian draws have the requested covariance (within Monte Carlo error of 20,000 draws). */
    @Test
    void gaussianDrawsHaveTheRequestedMoments() {
        double[] mean = {1, -2, 0.5};
        double[] cov = {2, 0.6, -0.3, 0.6, 1, 0.2, -0.3, 0.2, 0.5};
        GaussianDraws g = GaussianDraws.full(mean, cov);
        RandomDataGenerator rng = new RandomDataGenerator(3);
        int n = 20_000;
        double[] m = new double[3];
        double[] s = new double[9];
        for (int i = 0; i < n; i++) {
            double[] w = g.draw(rng);
            for (int a = 0; a < 3; a++) {
                m[a] += w[a] / n;
                for (int b = 0; b < 3; b++) {
                    s[a * 3 + b] += (w[a] - mean[a]) * (w[b] - mean[b]) / n;
                }
            }
        }
        for (int a = 0; a < 3; a++) {
            assertEquals(mean[a], m[a], 4 * Math.sqrt(cov[a * 4] / n));
            for (int b = 0; b < 3; b++) {
                // sd of a sample covariance ≈ sqrt((Σaa Σbb + Σab²)/n)
                assertEquals(cov[a * 3 + b], s[a * 3 + b], 4 * Math.sqrt((cov[a * 4] * cov[b * 4] + cov[a * 3 + b] * cov[a * 3 + b]) / n));
            }
        }
    }
}
