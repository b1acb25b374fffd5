package io.streamvi.model.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.observation.VectorValue;
import io.streamvi.model.posterior.Posterior;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.StepResult;
import io.streamvi.model.svi.VariationalState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dev case c_gmm_iris (resources dev/c_gmm_iris): 150 standardised iris points in the case's
 * shuffled order, the case's prior exactly (K = 3, α0 = 1, β0 = 1, m0 = 0, ν0 = 6,
 * W0^-1 = 0.2·I, full covariance), N = 150 fixed, streamed and replayed pass after pass.
 *
 * <p>The fit is judged as the case asks, by the mean in-sample log posterior-predictive density
 * per point (Bishop 2006, eq. 10.81): scikit-learn batch VB's best optimum reaches −2.129, JAGS
 * −2.143, and the 2-cluster optimum −2.332. We require ≥ −2.18.
 *
 * <p>Initialisation, stated openly. With uniform minibatches of S ≤ 25 the k-means++ seeding
 * sees only the first 10–25 points, splits them badly, and SVI settles in a poorer optimum
 * (mean log predictive −2.23 to −2.74 after 30 passes, depending on S, κ and τ0), never
 * reaching −2.18. Because the initialisation keeps the tightest of 10 k-means++/Lloyd runs, the
 * outcome did not depend on the seed (0..9 tried): it depends on how many points the first
 * minibatch holds. (With a single k-means++ run it did: at S = 50 only 6 of 10 seeds reached the
 * 3-species optimum, the others the 2-cluster one; hence the restarts.) So the streaming test
 * gives the first minibatch the first 50 events (k-means++ over what would otherwise be the
 * first few minibatches) and then streams S = 15. With that warm-up and τ0 = 1, every seed 0..9
 * and S ∈ {10, 15, 25, 50}, κ ∈ {0.6, 0.75} reached −2.132 to −2.155 after 30 passes. Uniform
 * minibatches of S = 50 also work from the start (second test). κ = 1 converges too slowly here
 * (−2.21 to −2.27 after 30 passes).
 */
class IrisStreamingTest {

    private static final MixturePrior PRIOR = MixturePrior.full(3, 1.0, new double[4], 1.0, 0.2, 6.0);
    private static final long SEED = 42;

    /** Result of a run: the state, the mean log predictive and the ELBOs of the last two passes. */
    private record Run(VariationalState state, double meanLogPredictive, double[] lastPassElbos,
            double[] previousPassElbos, double fullElbo, double previousFullElbo) {
    }

    private static Run stream(GaussianMixtureModel model, List<VectorValue> xs, int first, int s, int passes) {
        VariationalState state = model.initialState();
        List<Double> elbos = new ArrayList<>();
        List<Double> previousElbos = new ArrayList<>();
        double previousFull = Double.NaN;
        for (int pass = 0; pass < passes; pass++) {
            if (pass == passes - 1) {
                previousFull = model.elbo(state, xs, 150);
                previousElbos = elbos;
            }
            elbos = new ArrayList<>();
            for (int i = 0; i < xs.size(); ) {
                int len = pass == 0 && i == 0 ? first : s;
                StepResult r = model.update(state, xs.subList(i, Math.min(xs.size(), i + len)), SEED);
                assertNull(r.diagnostics().rejectedReason());
                state = r.state();
                elbos.add(r.diagnostics().elbo());
                i += len;
            }
        }
        List<double[]> points = xs.stream().map(VectorValue::values).toList();
        double mean = 0;
        for (double v : model.logPredictiveDensities(state, points)) {
            mean += v / points.size();
        }
        return new Run(state, mean, elbos.stream().mapToDouble(Double::doubleValue).toArray(),
                previousElbos.stream().mapToDouble(Double::doubleValue).toArray(),
                model.elbo(state, xs, 150), previousFull);
    }

    /**
     * First minibatch 50 events, then S = 15; ρ_t = (1 + t)^-0.6; N = 150 fixed; 20 passes
     * (200 steps); seed 42. Measured: mean log predictive −2.137 (−2.18 is first passed after
     * 6 passes; −2.134 after 30; the same −2.1372 for seeds 0..9), full-data ELBO −446.95,
     * changing by 0.03 over the last pass. The fitted weights and means are those of
     * scikit-learn's best optimum (reference.json, sklearn_vb_full.best_of_seeds) to within
     * 0.020 and 0.022.
     */
    @Test
    void streamingSviReachesTheBatchReferencePredictiveDensity() {
        GaussianMixtureModel model = new GaussianMixtureModel(PRIOR, RobbinsMonroSchedule.of(1, 0.6),
                new EffectiveDataSize.Fixed(150));
        List<VectorValue> xs = IrisData.events();
        Run run = stream(model, xs, 50, 15, 20);
        String reference = IrisData.reference();
        double sklearn = IrisData.numbersAfter(reference, "mean_log_pred_density_vb", "sklearn_vb_full", "best_of_seeds")[0];
        double jags = IrisData.numbersAfter(reference, "mean_log_pred_density_train", "reference_jags")[0];
        System.out.printf("iris streaming SVI (first 50, S=15, tau0=1, kappa=0.6, N=150, 20 passes, seed %d): "
                + "mean log predictive %.4f (sklearn VB %.4f, JAGS %.4f), full-data ELBO %.3f (previous pass %.3f), "
                + "last-pass minibatch ELBOs %s%n", SEED, run.meanLogPredictive(), sklearn, jags, run.fullElbo(),
                run.previousFullElbo(), Arrays.toString(run.lastPassElbos()));
        assertTrue(run.meanLogPredictive() >= -2.18, "mean log predictive " + run.meanLogPredictive());
        // cannot beat batch VB's best optimum by more than SVI noise: a sanity bound on the figure
        assertTrue(run.meanLogPredictive() <= sklearn + 0.02, "suspiciously good: " + run.meanLogPredictive());

        assertElboStable(run);
        assertMatchesSklearnBest(model.posterior(run.state()), reference);
    }

    /** Uniform minibatches of S = 50, ρ_t = (1 + t)^-0.6, N = 150, 30 passes (90 steps): −2.132 measured. */
    @Test
    void uniformMinibatchesOfFiftyNeedNoWarmUp() {
        GaussianMixtureModel model = new GaussianMixtureModel(PRIOR, RobbinsMonroSchedule.of(1, 0.6),
                new EffectiveDataSize.Fixed(150));
        Run run = stream(model, IrisData.events(), 50, 50, 30);
        System.out.printf("iris streaming SVI (S=50, tau0=1, kappa=0.6, N=150, 30 passes, seed %d): "
                + "mean log predictive %.4f, full-data ELBO %.3f%n", SEED, run.meanLogPredictive(), run.fullElbo());
        assertTrue(run.meanLogPredictive() >= -2.18, "mean log predictive " + run.meanLogPredictive());
        assertElboStable(run);
    }

    /**
     * The ELBO over the last pass: every minibatch estimate finite; the full-data ELBO moved by
     * less than 0.5 nats over the pass (0.03 measured: the state has settled); the average of the
     * minibatch estimates within 1% of the previous pass's average and within 5% of the full-data
     * ELBO (each estimate scales S = 15 points by N/S = 10 and ranges from about −370 to −620
     * between minibatches, so only averages are compared).
     */
    private static void assertElboStable(Run run) {
        double mean = 0;
        for (double e : run.lastPassElbos()) {
            assertTrue(Double.isFinite(e), "minibatch ELBO " + e);
            mean += e / run.lastPassElbos().length;
        }
        double previousMean = 0;
        for (double e : run.previousPassElbos()) {
            previousMean += e / run.previousPassElbos().length;
        }
        assertTrue(Double.isFinite(run.fullElbo()));
        assertEquals(run.previousFullElbo(), run.fullElbo(), 0.5, "full-data ELBO over the last pass");
        assertEquals(previousMean, mean, 0.01 * Math.abs(previousMean), "mean minibatch ELBO, last two passes");
        assertEquals(run.fullElbo(), mean, 0.05 * Math.abs(run.fullElbo()), "mean minibatch ELBO vs full-data ELBO");
    }

    /**
     * Weights within 0.03 and means within 0.05 of scikit-learn's best VB optimum, after
     * matching components (0.020 and 0.022 measured). The two fits optimise the same ELBO; SVI
     * has not fully converged after 20 passes and its steps (ρ ≈ 0.04 at the end) still move
     * weights and means by about 0.01.
     */
    private static void assertMatchesSklearnBest(Posterior post, String reference) {
        double[] flatMeans = IrisData.numbersAfter(reference, "means", "sklearn_vb_full", "best_of_seeds");
        double[] weights = IrisData.numbersAfter(reference, "weights", "sklearn_vb_full", "best_of_seeds");
        double[][] truth = new double[3][];
        double[][] estimated = new double[3][];
        for (int k = 0; k < 3; k++) {
            truth[k] = Arrays.copyOfRange(flatMeans, 4 * k, 4 * k + 4);
            estimated[k] = SingleComponentConjugacyTest.parameter(post, "m[" + k + "]");
        }
        int[] match = MixtureTestData.bestMatch(estimated, truth);
        double worstMean = 0;
        double worstWeight = 0;
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 4; j++) {
                worstMean = Math.max(worstMean, Math.abs(estimated[match[k]][j] - truth[k][j]));
            }
            worstWeight = Math.max(worstWeight, Math.abs(post.summaries().get(match[k]).mean() - weights[k]));
        }
        System.out.printf("iris vs scikit-learn best VB: max |weight diff| %.4f, max |mean diff| %.4f%n",
                worstWeight, worstMean);
        assertTrue(worstWeight <= 0.03, "weights differ by " + worstWeight);
        assertTrue(worstMean <= 0.05, "means differ by " + worstMean);
    }
}
