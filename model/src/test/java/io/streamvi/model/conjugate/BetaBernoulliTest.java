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

class BetaBernoulliTest extends ConjugateFamilyContract {

    @Override
    ConjugateFamily family() {
        return FAMILY;
    }

    @Override
    List<Observation> data(long seed, int n) {
        return bernoulli(seed, n, 0.3);
    }

    @Override
    double[] closedFormPosterior(List<Observation> data) {
        long k = data.stream().filter(x -> ((BinaryOutcome) x).success()).count();
        return new double[] {1.5 + k, 2.5 + data.size() - k};
    }

    @Override
    double logEvidence(List<Observation> data) {
        double[] post = closedFormPosterior(data);
        return Beta.logBeta(post[0], post[1]) - Beta.logBeta(1.5, 2.5);
    }


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
