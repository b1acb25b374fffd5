package io.streamvi.model.conjugate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.observation.BinaryOutcome;
import io.streamvi.model.observation.Count;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.posterior.Posterior;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.StepResult;
import io.streamvi.model.svi.UpdateMode;
import io.streamvi.model.svi.VariationalState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.special.Beta;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BetaBernoulliTest {

    private static final BetaBernoulli FAMILY = new BetaBernoulli(1.5, 2.5);

    private static List<Observation> bernoulli(long seed, int n, double p) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Observation> xs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            xs.add(new BinaryOutcome(rng.nextDouble() < p));
        }
        return xs;
    }

    private static VariationalState runInBatches(ConjugateModel model, List<Observation> xs, int batch) {
        VariationalState s = model.initialState();
        for (int i = 0; i < xs.size(); i += batch) {
            StepResult r = model.update(s, xs.subList(i, Math.min(xs.size(), i + batch)));
            assertNull(r.diagnostics().rejectedReason());
            s = r.state();
        }
        return s;
    }

    static void assertRelative(double expected, double actual, double tol) {
        assertEquals(expected, actual, tol * Math.max(Math.abs(expected), Double.MIN_NORMAL),
                () -> "relative error " + Math.abs(actual - expected) / Math.abs(expected));
    }

    /** Exact streaming equals Beta(α0 + successes, β0 + failures), whatever the batching. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 50, 333, 5000})
    void exactModeEqualsClosedFormPosterior(int n) {
        List<Observation> xs = bernoulli(n, n, 0.3);
        long successes = xs.stream().filter(x -> ((BinaryOutcome) x).success()).count();
        ConjugateModel model = new ConjugateModel(FAMILY, UpdateMode.EXACT, RobbinsMonroSchedule.of(1, 0.7),
                new EffectiveDataSize.Seen());
        for (int batch : new int[] {1, 3, 64}) {
            VariationalState s = runInBatches(model, xs, batch);
            assertRelative(1.5 + successes, s.param(0), 1e-12);
            assertRelative(2.5 + n - successes, s.param(1), 1e-12);
            assertEquals(n, s.observationsSeen());
        }
    }

    /** At the exact posterior the ELBO is the log evidence ln B(α_n, β_n) − ln B(α0, β0). */
    @Test
    void exactElboIsTheLogEvidence() {
        List<Observation> xs = bernoulli(7, 400, 0.2);
        ConjugateModel model = new ConjugateModel(FAMILY, UpdateMode.EXACT, RobbinsMonroSchedule.of(1, 0.7),
                new EffectiveDataSize.Seen());
        VariationalState s = model.initialState();
        for (int i = 0; i < xs.size(); i += 40) {
            StepResult r = model.update(s, xs.subList(i, i + 40));
            s = r.state();
            double evidence = Beta.logBeta(s.param(0), s.param(1)) - Beta.logBeta(1.5, 2.5);
            assertRelative(evidence, r.diagnostics().elbo(), 1e-12);
        }
    }

    /**
     * κ = 1, τ0 = 0 (ρ_t = 1/t), fixed N: λ_T = η + N · (1/T) Σ_t mean_t(t(x)) exactly
     * (DESIGN.md). Batches of varying size make the average of batch means differ from the
     * overall mean, so the test distinguishes the two.
     */
    @Test
    void sviFixedPointMatchesClosedForm() {
        double bigN = 10_000;
        ConjugateModel model = new ConjugateModel(FAMILY, UpdateMode.SVI, RobbinsMonroSchedule.of(0, 1.0),
                new EffectiveDataSize.Fixed(bigN));
        List<Observation> xs = bernoulli(11, 3000, 0.37);
        SplittableRandom rng = new SplittableRandom(5);
        VariationalState s = model.initialState();
        double sumMean1 = 0;
        double sumMean0 = 0;
        int batches = 0;
        for (int i = 0; i < xs.size(); ) {
            int size = Math.min(xs.size() - i, 1 + rng.nextInt(40));
            List<Observation> b = xs.subList(i, i + size);
            long k = b.stream().filter(x -> ((BinaryOutcome) x).success()).count();
            sumMean1 += (double) k / size;
            sumMean0 += (double) (size - k) / size;
            batches++;
            s = model.update(s, b).state();
            i += size;
        }
        assertRelative(1.5 + bigN * sumMean1 / batches, s.param(0), 1e-9);
        assertRelative(2.5 + bigN * sumMean0 / batches, s.param(1), 1e-9);
        assertEquals(batches, s.step());
    }

    /**
     * The natural-gradient step moves λ along the segment towards the optimum λ*, and along it
     * dL/ds = (1 − s)(λ* − λ)ᵀ ∇²A (λ* − λ) ≥ 0: with the whole data set as the minibatch and
     * N = its size, the ELBO never decreases, for any ρ ∈ (0, 1].
     */
    @Test
    void elboNeverDecreasesUnderFullBatchCoordinateSteps() {
        List<Observation> xs = bernoulli(3, 500, 0.15);
        ConjugateModel model = new ConjugateModel(FAMILY, UpdateMode.SVI, RobbinsMonroSchedule.of(2, 0.6),
                new EffectiveDataSize.Fixed(xs.size()));
        VariationalState s = model.initialState();
        double previous = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < 60; t++) {
            StepResult r = model.update(s, xs);
            assertTrue(r.diagnostics().elbo() >= previous - 1e-9 * Math.abs(previous),
                    "ELBO decreased at step " + (t + 1) + ": " + previous + " -> " + r.diagnostics().elbo());
            previous = r.diagnostics().elbo();
            s = r.state();
        }
        double[] stats = new double[2];
        xs.forEach(x -> FAMILY.addStatistics(x, stats));
        double evidence = Beta.logBeta(1.5 + stats[0], 2.5 + stats[1]) - Beta.logBeta(1.5, 2.5);
        assertTrue(previous <= evidence + 1e-9, "the ELBO is a lower bound");
        assertRelative(evidence, previous, 1e-6);
    }

    /** The exact posterior maximises the ELBO: any other Beta scores lower. */
    @Test
    void exactPosteriorDominatesOtherDistributions() {
        double[] stats = {37, 163};
        double[] optimum = {1.5 + 37, 2.5 + 163};
        double best = FAMILY.elbo(optimum, stats);
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < 200; i++) {
            double[] other = {0.1 + 300 * rng.nextDouble(), 0.1 + 300 * rng.nextDouble()};
            assertTrue(FAMILY.elbo(other, stats) < best);
        }
    }

    /** The closed-form KL against numerical integration of ∫ q log(q / p). */
    @Test
    void klMatchesQuadrature() {
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(32, 1e-10, 1e-14);
        double[][] cases = {{3, 4}, {12.5, 2.2}, {2.1, 30}};
        BetaDistribution p = new BetaDistribution(1.5, 2.5);
        for (double[] c : cases) {
            BetaDistribution q = new BetaDistribution(c[0], c[1]);
            double kl = integrator.integrate(10_000_000, x -> {
                double lq = q.logDensity(x);
                return Math.exp(lq) * (lq - p.logDensity(x));
            }, 1e-12, 1 - 1e-12);
            assertRelative(kl, FAMILY.klFromPrior(c), 1e-7);
        }
        assertEquals(0.0, FAMILY.klFromPrior(new double[] {1.5, 2.5}), 1e-15);
    }

    @Test
    void summariesMatchTheBetaDistribution() {
        Posterior post = FAMILY.posterior(new double[] {192, 6595});
        ParameterSummary theta = post.summaries().get(0);
        // reference: dev case e_conjugate_streams, key ab-00 (12 significant digits)
        assertRelative(0.0282893767497, theta.mean(), 1e-10);
        assertRelative(0.00201237655176, theta.sd(), 1e-10);
        assertRelative(0.028243052427, theta.median(), 1e-9);
        BetaDistribution d = new BetaDistribution(192, 6595);
        assertEquals(0.025, d.cumulativeProbability(theta.lower95()), 1e-9);
        assertEquals(0.975, d.cumulativeProbability(theta.upper95()), 1e-9);
        assertEquals(192, post.scalar("alpha"), 0.0);
        assertEquals("Beta", post.family());
    }

    @Test
    void nonFiniteStepKeepsTheOldState() {
        ConjugateModel model = new ConjugateModel(FAMILY, UpdateMode.SVI, RobbinsMonroSchedule.of(0, 1.0),
                new EffectiveDataSize.Fixed(Double.MAX_VALUE));
        VariationalState before = new VariationalState(4, 40, 1e6, new double[] {3, 5});
        StepResult r = model.update(before, List.of(new BinaryOutcome(true), new BinaryOutcome(true),
                new BinaryOutcome(true)));
        assertSame(before, r.state());
        assertTrue(r.diagnostics().rejected());
        assertTrue(r.diagnostics().rejectedReason().contains("not finite"), r.diagnostics().rejectedReason());
    }

    @Test
    void validationNamesTheProblem() {
        ConjugateModel model = new ConjugateModel(FAMILY, UpdateMode.EXACT, RobbinsMonroSchedule.of(1, 0.7),
                new EffectiveDataSize.Seen());
        assertNull(model.validate(new BinaryOutcome(false)));
        assertNotNull(model.validate(new Count(3, 1.0)));
        assertTrue(model.validate(new Count(3, Double.NaN)).contains("non-finite"));
        assertTrue(model.validate(new Count(3, 1.0)).contains("BinaryOutcome"));
    }

    @Test
    void priorValidationNamesTheField() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new BetaBernoulli(0, 1));
        assertEquals("alpha", e.field());
        e = assertThrows(InvalidParameterException.class, () -> new BetaBernoulli(1, Double.NaN));
        assertEquals("beta", e.field());
    }

    @Test
    void halfLifeForgetsOldDataInExactMode() {
        ConjugateModel model = new ConjugateModel(FAMILY, UpdateMode.EXACT, RobbinsMonroSchedule.of(1, 0.7),
                new EffectiveDataSize.HalfLife(100));
        VariationalState s = runInBatches(model, bernoulli(1, 5000, 0.9), 10);
        s = continueWith(model, s, bernoulli(2, 2000, 0.1));
        double mean = model.posterior(s).summaries().get(0).mean();
        assertEquals(0.1, mean, 0.06, "tracks the new rate");
        assertTrue(s.param(0) + s.param(1) < 1.5 + 2.5 + 200, "speaks for about h/ln2 observations");
    }

    private static VariationalState continueWith(ConjugateModel model, VariationalState s, List<Observation> xs) {
        for (int i = 0; i < xs.size(); i += 10) {
            s = model.update(s, xs.subList(i, i + 10)).state();
        }
        return s;
    }
}
