package io.streamvi.model.mixture;

import static io.streamvi.model.mixture.MixtureTestData.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.observation.RealValue;
import io.streamvi.model.observation.VectorValue;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.posterior.Posterior;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.StepResult;
import io.streamvi.model.svi.VariationalState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.distribution.continuous.GammaDistribution;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

class GaussianMixtureModelTest {

    private static final MixturePrior IRIS_PRIOR = MixturePrior.full(3, 1.0, new double[4], 1.0, 0.2, 6.0);

    private static GaussianMixtureModel irisModel() {
        return new GaussianMixtureModel(IRIS_PRIOR, RobbinsMonroSchedule.of(1, 0.6), new EffectiveDataSize.Fixed(150));
    }

    private static List<VariationalState> run(GaussianMixtureModel model, List<VectorValue> xs, int batch, long seed) {
        List<VariationalState> states = new ArrayList<>();
        VariationalState s = model.initialState();
        for (int i = 0; i < xs.size(); i += batch) {
            StepResult r = model.update(s, xs.subList(i, Math.min(xs.size(), i + batch)), seed);
            assertNull(r.diagnostics().rejectedReason());
            s = r.state();
            states.add(s);
        }
        return states;
    }

    /** Same minibatches and seed: the same states bit for bit, at every step. */
    @Test
    void sameInputAndSeedGiveIdenticalStates() {
        List<VectorValue> xs = IrisData.events();
        List<VariationalState> a = run(irisModel(), xs, 15, 1234);
        List<VariationalState> b = run(irisModel(), xs, 15, 1234);
        assertEquals(a.size(), b.size());
        for (int t = 0; t < a.size(); t++) {
            assertTrue(Arrays.equals(a.get(t).params(), b.get(t).params()), "step " + (t + 1));
            assertEquals(a.get(t), b.get(t));
        }
    }

    /**
     * The seed only drives the k-means++ draws of the first step: later steps ignore it, and
     * some other seed changes the first state (at least by the order of the components).
     */
    @Test
    void theSeedReachesOnlyTheInitialisation() {
        GaussianMixtureModel model = irisModel();
        List<VectorValue> xs = IrisData.events();
        VariationalState first = model.update(model.initialState(), xs.subList(0, 15), 1234).state();
        boolean someSeedDiffers = false;
        for (long seed = 1; seed <= 20 && !someSeedDiffers; seed++) {
            VariationalState other = model.update(model.initialState(), xs.subList(0, 15), seed).state();
            someSeedDiffers = !Arrays.equals(first.params(), other.params());
        }
        assertTrue(someSeedDiffers, "no seed in 1..20 changed the initialisation");
        VariationalState second1 = model.update(first, xs.subList(15, 30), 1).state();
        VariationalState second2 = model.update(first, xs.subList(15, 30), 2).state();
        assertArrayEquals(second1.params(), second2.params(), 0.0);
    }

    /**
     * With the whole data set as the minibatch, N = n and ρ = 1, each update is one round of
     * batch coordinate ascent (Bishop 2006, §10.2), so the reported ELBO (at the new globals
     * and their optimal responsibilities) can never decrease; with ρ = 0.5 the global step moves
     * halfway towards the coordinate optimum along a segment on which the ELBO increases. A term
     * of the ELBO inconsistent with the updates would break this. Tolerance 1e-9 relative: the
     * ELBO is ~ −450 and the rounding of its sums ~1e-12.
     */
    @Test
    void fullBatchUpdatesNeverDecreaseTheElbo() {
        List<VectorValue> xs = IrisData.events();
        for (double rho : new double[] {1.0, 0.5}) {
            for (MixturePrior prior : List.of(IRIS_PRIOR, MixturePrior.diagonal(3, 1.0, new double[4], 1.0, 1.0, 0.5))) {
                GaussianMixtureModel model = new GaussianMixtureModel(prior, t -> rho, new EffectiveDataSize.Fixed(150));
                VariationalState s = model.update(model.initialState(), xs, 7).state();
                double previous = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < 60; t++) {
                    StepResult r = model.update(s, xs, 7);
                    double elbo = r.diagnostics().elbo();
                    assertTrue(elbo >= previous - 1e-9 * Math.abs(previous),
                            prior.covariance() + " rho=" + rho + " step " + (t + 2) + ": " + previous + " -> " + elbo);
                    assertRelative(elbo, model.elbo(r.state(), xs, 150), 1e-12, "elbo(state, data, N)");
                    previous = elbo;
                    s = r.state();
                }
            }
        }
    }

    /** An overflowing step is refused and the old state returned, with the reason. */
    @Test
    void nonFiniteStepKeepsTheOldState() {
        List<VectorValue> xs = IrisData.events();
        VariationalState before = run(irisModel(), xs.subList(0, 45), 15, 1).get(2);
        GaussianMixtureModel huge = new GaussianMixtureModel(IRIS_PRIOR, RobbinsMonroSchedule.of(0, 1.0),
                new EffectiveDataSize.Fixed(Double.MAX_VALUE));
        StepResult r = huge.update(before, xs.subList(45, 60), 1);
        assertSame(before, r.state());
        assertTrue(r.diagnostics().rejected());
        assertTrue(r.diagnostics().rejectedReason().contains("not finite"), r.diagnostics().rejectedReason());
        assertTrue(Double.isNaN(r.diagnostics().elbo()));
    }

    /** A poisoned stored state (NaN, or a W^-1 that is not positive definite) is refused too. */
    @Test
    void poisonedStateIsRefused() {
        GaussianMixtureModel model = irisModel();
        List<VectorValue> xs = IrisData.events();
        VariationalState good = run(model, xs.subList(0, 30), 15, 1).get(1);
        int block = 2 + 4 + 16;
        double[] nan = good.params();
        nan[3 + block + 2] = Double.NaN;
        VariationalState poisoned = new VariationalState(good.step(), good.observationsSeen(), good.effectiveDataSize(), nan);
        StepResult r = model.update(poisoned, xs.subList(30, 45), 1);
        assertSame(poisoned, r.state());
        assertTrue(r.diagnostics().rejectedReason().contains("component 1"), r.diagnostics().rejectedReason());

        double[] indefinite = good.params();
        int psi = 3 + 1 + 4;
        for (int j = 0; j < 16; j++) {
            indefinite[psi + j] = j % 5 == 0 ? -1.0 : 0.0;
        }
        VariationalState bad = new VariationalState(good.step(), good.observationsSeen(), good.effectiveDataSize(), indefinite);
        r = model.update(bad, xs.subList(30, 45), 1);
        assertSame(bad, r.state());
        assertTrue(r.diagnostics().rejectedReason().contains("positive definite"), r.diagnostics().rejectedReason());

        double[] zeroAlpha = good.params();
        zeroAlpha[0] = 0.0;
        VariationalState noWeight = new VariationalState(good.step(), good.observationsSeen(), good.effectiveDataSize(), zeroAlpha);
        r = model.update(noWeight, xs.subList(30, 45), 1);
        assertSame(noWeight, r.state());
        assertTrue(r.diagnostics().rejectedReason().contains("alpha[0]"), r.diagnostics().rejectedReason());
    }

    @Test
    void validationNamesTheProblem() {
        GaussianMixtureModel model = irisModel();
        assertNull(model.validate(new VectorValue(new double[] {1, 2, 3, 4})));
        String wrongDimension = model.validate(new VectorValue(new double[] {1, 2, 3}));
        assertEquals("expects a VectorValue of dimension 4, got 3", wrongDimension);
        assertTrue(model.validate(new RealValue(2.0)).contains("VectorValue"));
        assertTrue(model.validate(new VectorValue(new double[] {1, Double.NaN, 3, 4})).contains("non-finite"));
        assertTrue(model.validate(new VectorValue(new double[] {1, Double.NaN, 3, 4})).contains("values[1]"));
        assertThrows(IllegalArgumentException.class,
                () -> model.update(model.initialState(), List.of(new VectorValue(new double[] {1, 2})), 0));
        assertThrows(IllegalArgumentException.class, () -> model.update(model.initialState(), List.of(), 0));
    }

    @Test
    void priorValidationNamesTheField() {
        double[] m0 = {0, 0};
        assertEquals("components", assertThrows(InvalidParameterException.class,
                () -> MixturePrior.full(0, 1, m0, 1, 1, 3)).field());
        assertEquals("dimension", assertThrows(InvalidParameterException.class,
                () -> MixturePrior.full(2, 1, new double[0], 1, 1, 3)).field());
        assertEquals("alpha0", assertThrows(InvalidParameterException.class,
                () -> MixturePrior.full(2, 0, m0, 1, 1, 3)).field());
        assertEquals("beta0", assertThrows(InvalidParameterException.class,
                () -> MixturePrior.full(2, 1, m0, -1, 1, 3)).field());
        assertEquals("psi0", assertThrows(InvalidParameterException.class,
                () -> MixturePrior.full(2, 1, m0, 1, 0, 3)).field());
        assertEquals("nu0", assertThrows(InvalidParameterException.class,
                () -> MixturePrior.full(2, 1, m0, 1, 1, 1.0)).field());
        assertEquals("m0[1]", assertThrows(InvalidParameterException.class,
                () -> MixturePrior.full(2, 1, new double[] {0, Double.NaN}, 1, 1, 3)).field());
        assertEquals("a0", assertThrows(InvalidParameterException.class,
                () -> MixturePrior.diagonal(2, 1, m0, 1, 0, 1)).field());
        assertEquals("b0", assertThrows(InvalidParameterException.class,
                () -> MixturePrior.diagonal(2, 1, m0, 1, 1, Double.POSITIVE_INFINITY)).field());
        MixturePrior.full(2, 1, m0, 1, 1, 1.01);
    }

    /**
     * Summaries against Hipparchus: weight[k] ~ Beta(α_k, α̂ − α_k); mean[k][j] ~ m_j + scale·t(ν − d + 1)
     * with scale² = (W^-1)_jj / (β (ν − d + 1)); covariance[k][j][j] ~ inverse-Gamma((ν − d + 1)/2,
     * (W^-1)_jj/2) with mean (W^-1)_jj / (ν − d − 1). Quantiles are checked through the CDFs to 1e-9.
     */
    @Test
    void summariesMatchTheMarginals() {
        GaussianMixtureModel model = irisModel();
        List<VariationalState> states = run(model, IrisData.events(), 50, 3);
        VariationalState s = states.get(states.size() - 1);
        Posterior post = model.posterior(s);
        assertEquals("GaussianMixture", post.family());
        assertEquals(3 + 3 * 8, post.summaries().size());
        double[] alpha = SingleComponentConjugacyTest.parameter(post, "alpha");
        double total = alpha[0] + alpha[1] + alpha[2];
        ParameterSummary w1 = find(post, "weight[1]");
        BetaDistribution beta = new BetaDistribution(alpha[1], total - alpha[1]);
        assertRelative(alpha[1] / total, w1.mean(), 1e-12, "weight mean");
        assertRelative(Math.sqrt(beta.getNumericalVariance()), w1.sd(), 1e-9, "weight sd");
        assertEquals(0.025, beta.cumulativeProbability(w1.lower95()), 1e-9);
        assertEquals(0.975, beta.cumulativeProbability(w1.upper95()), 1e-9);

        double[] wMatrix = SingleComponentConjugacyTest.parameter(post, "W[2]");
        double[] wInverse = MatrixUtils.inverse(MatrixUtils.createRealMatrix(new double[][] {
                    Arrays.copyOfRange(wMatrix, 0, 4), Arrays.copyOfRange(wMatrix, 4, 8),
                    Arrays.copyOfRange(wMatrix, 8, 12), Arrays.copyOfRange(wMatrix, 12, 16)})).getRow(1);
        double nu = post.scalar("nu[2]");
        double b = post.scalar("beta[2]");
        double dof = nu - 4 + 1;
        double scale = Math.sqrt(wInverse[1] / (b * dof));
        ParameterSummary mean = find(post, "mean[2][1]");
        assertEquals(SingleComponentConjugacyTest.parameter(post, "m[2]")[1], mean.mean(), 0.0);
        TDistribution t = new TDistribution(dof);
        assertRelative(scale * Math.sqrt(dof / (dof - 2)), mean.sd(), 1e-12, "mean sd");
        assertEquals(0.025, t.cumulativeProbability((mean.lower95() - mean.mean()) / scale), 1e-9);
        assertEquals(0.975, t.cumulativeProbability((mean.upper95() - mean.mean()) / scale), 1e-9);

        ParameterSummary cov = find(post, "covariance[2][1][1]");
        assertRelative(wInverse[1] / (nu - 4 - 1), cov.mean(), 1e-9, "E[Sigma]_11");
        PrecisionGamma precision = new PrecisionGamma(dof / 2, wInverse[1] / 2);
        assertEquals(0.975, precision.cdf(1 / cov.lower95()), 1e-9);
        assertEquals(0.025, precision.cdf(1 / cov.upper95()), 1e-9);
        assertTrue(cov.sd() > 0 && Double.isFinite(cov.sd()));
    }

    /** 1/Σ_jj ~ Gamma(shape, rate): the CDF used to check the inverse-Gamma quantiles. */
    private record PrecisionGamma(double shape, double rate) {
        double cdf(double x) {
            return new GammaDistribution(shape, 1 / rate).cumulativeProbability(x);
        }
    }

    /**
     * The posterior predictive is a density: it integrates to 1 over R² (midpoint rule on
     * [−40, 40]² with h = 0.1; the integrand is smooth with Student-t tails of ≥ 20 degrees of
     * freedom, so truncation and quadrature errors are far below the 1e-4 tolerance).
     */
    @Test
    void predictiveIntegratesToOne() {
        double[][][] l = {{{1.0, 0}, {0.5, 0.7}}, {{0.6, 0}, {-0.2, 1.1}}};
        List<VectorValue> xs = MixtureTestData.mixture(21, 60, new double[] {0.4, 0.6},
                new double[][] {{-2, 0}, {2, 1}}, l);
        for (MixturePrior prior : List.of(MixturePrior.full(2, 1, new double[2], 1, 1, 3),
                MixturePrior.diagonal(2, 1, new double[2], 1, 1, 1))) {
            GaussianMixtureModel model = new GaussianMixtureModel(prior, RobbinsMonroSchedule.of(1, 0.7),
                    new EffectiveDataSize.Fixed(60));
            VariationalState s = run(model, xs, 20, 5).get(2);
            double h = 0.1;
            List<double[]> grid = new ArrayList<>();
            for (int i = 0; i < 800; i++) {
                for (int j = 0; j < 800; j++) {
                    grid.add(new double[] {-40 + (i + 0.5) * h, -40 + (j + 0.5) * h});
                }
            }
            double[] logDensities = model.logPredictiveDensities(s, grid);
            double integral = 0;
            for (double v : logDensities) {
                integral += Math.exp(v) * h * h;
            }
            assertEquals(1.0, integral, 1e-4, prior.covariance().toString());
            double[] somePoint = grid.get(123_456);
            assertEquals(logDensities[123_456], model.logPredictiveDensity(s, somePoint), 0.0);
        }
    }

    @Test
    void singleComponentWeightIsCertain() {
        GaussianMixtureModel model = new GaussianMixtureModel(MixturePrior.full(1, 1, new double[4], 1, 0.2, 6),
                RobbinsMonroSchedule.of(1, 0.6), new EffectiveDataSize.Fixed(150));
        VariationalState s = run(model, IrisData.events(), 50, 0).get(2);
        ParameterSummary w = find(model.posterior(s), "weight[0]");
        assertEquals(1.0, w.mean(), 0.0);
        assertEquals(0.0, w.sd(), 0.0);
        assertFalse(model.posterior(s).parameters().isEmpty());
    }

    private static ParameterSummary find(Posterior post, String name) {
        return post.summaries().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no summary " + name));
    }
}
