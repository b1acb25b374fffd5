package io.streamvi.model.conjugate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.observation.Observation;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.StepResult;
import io.streamvi.model.svi.UpdateMode;
import io.streamvi.model.svi.VariationalState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checks every conjugate family passes (in the manner of Hipparchus' distribution contract
 * tests): a subclass supplies the family, a data generator, and the closed-form posterior and log
 * evidence computed independently from textbook formulas.
 */
abstract class ConjugateFamilyContract {

    /** The family under test. */
    abstract ConjugateFamily family();

    /** n observations drawn with a fixed seed. */
    abstract List<Observation> data(long seed, int n);

    /** The posterior parameter λ after {@code data}, from the closed form (not from addStatistics). */
    abstract double[] closedFormPosterior(List<Observation> data);

    /** ln p(data), the log marginal likelihood, from the closed form. */
    abstract double logEvidence(List<Observation> data);

    /**
     * Relative tolerance for comparing streaming results with the closed forms: sums of n
     * doubles in a different order differ by O(n ε) relatively, far below 1e-9 for n ≤ 10^4.
     */
    static final double RELATIVE = 1e-9;

    static void assertRelative(double expected, double actual, double tol, String what) {
        double scale = Math.max(Math.abs(expected), 1e-300);
        assertTrue(Math.abs(actual - expected) <= tol * scale,
                () -> what + ": expected " + expected + " but was " + actual + " (relative error "
                        + Math.abs(actual - expected) / scale + ")");
    }

    ConjugateModel exact() {
        return new ConjugateModel(family(), UpdateMode.EXACT, RobbinsMonroSchedule.of(1, 0.7), new EffectiveDataSize.Seen());
    }

    static VariationalState run(ConjugateModel model, List<Observation> xs, int batch) {
        VariationalState s = model.initialState();
        for (int i = 0; i < xs.size(); i += batch) {
            StepResult r = model.update(s, xs.subList(i, Math.min(xs.size(), i + batch)));
            assertNull(r.diagnostics().rejectedReason());
            s = r.state();
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 17, 100, 1000, 5000})
    void exactModeEqualsTheClosedFormPosterior(int n) {
        List<Observation> xs = data(1000 + n, n);
        double[] expected = closedFormPosterior(xs);
        ConjugateModel model = exact();
        for (int batch : new int[] {1, 7, 128}) {
            double[] lambda = model.lambda(run(model, xs, batch));
            for (int j = 0; j < expected.length; j++) {
                assertRelative(expected[j], lambda[j], RELATIVE, "lambda[" + j + "], n=" + n + ", batch=" + batch);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 300})
    void exactElboEqualsTheLogEvidence(int n) {
        List<Observation> xs = data(77 + n, n);
        ConjugateModel model = exact();
        StepResult r = model.update(model.initialState(), xs);
        assertRelative(logEvidence(xs), r.diagnostics().elbo(), RELATIVE, "ELBO at the exact posterior");
    }

    /** κ = 1, τ0 = 0, fixed N: λ_T = η + N · (1/T) Σ_t mean_t(t(x)) (DESIGN.md), minibatches of random sizes. */
    @Test
    void sviFixedPointMatchesTheClosedForm() {
        double bigN = 5_000;
        ConjugateFamily f = family();
        ConjugateModel model = new ConjugateModel(f, UpdateMode.SVI, RobbinsMonroSchedule.of(0, 1.0),
                new EffectiveDataSize.Fixed(bigN));
        List<Observation> xs = data(5, 2000);
        SplittableRandom rng = new SplittableRandom(6);
        int d = f.dimension();
        double[] sumOfMeans = new double[d];
        int batches = 0;
        VariationalState s = model.initialState();
        for (int i = 0; i < xs.size(); ) {
            int size = Math.min(xs.size() - i, 1 + rng.nextInt(30));
            List<Observation> b = xs.subList(i, i + size);
            double[] stats = new double[d + 1];
            b.forEach(x -> f.addStatistics(x, stats));
            for (int j = 0; j < d; j++) {
                sumOfMeans[j] += stats[j] / size;
            }
            batches++;
            s = model.update(s, b).state();
            i += size;
        }
        double[] eta = f.prior();
        double[] lambda = model.lambda(s);
        for (int j = 0; j < d; j++) {
            assertRelative(eta[j] + bigN * sumOfMeans[j] / batches, lambda[j], RELATIVE, "lambda[" + j + "]");
        }
    }

    /**
     * Full-batch natural-gradient steps move λ along the segment to the optimum, where
     * dL/ds = (1 − s)(λ* − λ)ᵀ∇²A(λ* − λ) ≥ 0: the ELBO never decreases and ends at the evidence.
     */
    @Test
    void elboNeverDecreasesUnderFullBatchSteps() {
        List<Observation> xs = data(3, 400);
        ConjugateModel model = new ConjugateModel(family(), UpdateMode.SVI, RobbinsMonroSchedule.of(2, 0.6),
                new EffectiveDataSize.Fixed(xs.size()));
        VariationalState s = model.initialState();
        double previous = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < 80; t++) {
            StepResult r = model.update(s, xs);
            double elbo = r.diagnostics().elbo();
            assertTrue(elbo >= previous - 1e-9 * Math.abs(previous), "step " + (t + 1) + ": " + previous + " -> " + elbo);
            previous = elbo;
            s = r.state();
        }
        double evidence = logEvidence(xs);
        assertTrue(previous <= evidence + 1e-9 * Math.abs(evidence), "the ELBO bounds the evidence");
        assertRelative(evidence, previous, 1e-6, "converged ELBO");
    }

    @Test
    void klIsZeroAtThePriorAndPositiveElsewhere() {
        ConjugateFamily f = family();
        assertEquals(0.0, f.klFromPrior(f.prior()), 1e-12);
        double[] post = closedFormPosterior(data(9, 50));
        assertTrue(f.klFromPrior(post) > 0);
    }

    @Test
    void theExactPosteriorMaximisesTheElbo() {
        ConjugateFamily f = family();
        List<Observation> xs = data(12, 60);
        double[] stats = new double[f.dimension() + 1];
        xs.forEach(x -> f.addStatistics(x, stats));
        double[] best = closedFormPosterior(xs);
        double top = f.elbo(best, stats);
        SplittableRandom rng = new SplittableRandom(13);
        for (int i = 0; i < 100; i++) {
            double[] other = best.clone();
            for (int j = 0; j < other.length; j++) {
                other[j] *= 1 + 0.2 * (rng.nextDouble() - 0.5);
            }
            if (f.checkDomain(other) == null) {
                assertTrue(f.elbo(other, stats) <= top + 1e-9 * Math.abs(top), Arrays.toString(other));
            }
        }
    }

    @Test
    void aNonFiniteStepKeepsTheOldState() {
        ConjugateModel model = new ConjugateModel(family(), UpdateMode.SVI, RobbinsMonroSchedule.of(0, 1.0),
                new EffectiveDataSize.Fixed(Double.MAX_VALUE));
        VariationalState before = run(exact(), data(4, 10), 10);
        StepResult r = model.update(before, data(5, 3));
        assertSame(before, r.state());
        assertTrue(r.diagnostics().rejected(), "rejected");
    }

    @Test
    void summariesAndPredictiveAreFiniteAndOrdered() {
        ConjugateModel model = exact();
        VariationalState s = run(model, data(8, 200), 10);
        var post = model.posterior(s);
        assertTrue(!post.summaries().isEmpty());
        for (var m : post.summaries()) {
            assertTrue(m.lower95() <= m.median() && m.median() <= m.upper95(), m.toString());
            assertTrue(m.lower95() <= m.mean() && m.mean() <= m.upper95(), m.toString());
            assertTrue(Double.isFinite(m.sd()) && m.sd() > 0, m.toString());
        }
        for (var m : post.predictive()) {
            assertTrue(m.lower95() <= m.median() && m.median() <= m.upper95(), m.toString());
        }
    }

    /** With a half-life, exact mode weighs each observation by its own age: batching does not matter. */
    @Test
    void forgettingDoesNotDependOnTheBatching() {
        List<Observation> xs = data(33, 350);
        ConjugateModel forgetting = new ConjugateModel(family(), UpdateMode.EXACT, RobbinsMonroSchedule.of(1, 0.7),
                new EffectiveDataSize.HalfLife(60));
        VariationalState ones = run(forgetting, xs, 1);
        VariationalState sevens = run(forgetting, xs, 7);
        double[] a = ones.params();
        double[] b = sevens.params();
        for (int j = 0; j < a.length; j++) {
            assertEquals(a[j], b[j], 1e-9 * Math.max(1, Math.abs(a[j])), "param " + j);
        }
        assertEquals(ones.effectiveDataSize(), sevens.effectiveDataSize(), 1e-9);
    }

    /** Replaying identical minibatches yields identical bits. */
    @Test
    void updatesAreDeterministic() {
        List<Observation> xs = data(21, 300);
        ConjugateModel svi = new ConjugateModel(family(), UpdateMode.SVI, RobbinsMonroSchedule.of(1, 0.7),
                new EffectiveDataSize.Seen());
        assertArrayEquals(run(svi, xs, 16).params(), run(svi, new ArrayList<>(xs), 16).params());
    }
}
