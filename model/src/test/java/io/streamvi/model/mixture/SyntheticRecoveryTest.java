package io.streamvi.model.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.streamvi.model.observation.VectorValue;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.posterior.Posterior;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.StepResult;
import io.streamvi.model.svi.VariationalState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A well-separated mixture streamed once: K = 3, d = 2, means on an equilateral triangle with
 * side 8 (at least 8 apart, ≥ 5 standard deviations of any component), weights (0.5, 0.3, 0.2),
 * 3000 points (seed 2024) in minibatches of S = 50, N = 3000 fixed, ρ_t = (1 + t)^-0.6, stream
 * seed 11.
 *
 * <p>Tolerances (the brief's 0.2 for means, 0.05 for weights). With ρ_60 ≈ 0.08 the final state
 * is roughly an average over the last dozen minibatches (~600 points), so its weights carry
 * noise of about √(0.25/600) ≈ 0.02 and its means about 1.2/√120 ≈ 0.11 for the smallest
 * component: the bounds are 2–2.5 such errors. Measured for this seed: FULL 0.067 (means) and
 * 0.010 (weights), DIAGONAL 0.086 and 0.010; over 10 data seeds × 5 stream seeds the worst were
 * 0.17 and 0.040 (FULL), 0.12 and 0.040 (DIAGONAL), all within the bounds.
 */
class SyntheticRecoveryTest {

    private static final double[][] MEANS = {{0, 0}, {8, 0}, {4, 4 * Math.sqrt(3)}};
    private static final double[] WEIGHTS = {0.5, 0.3, 0.2};

    private static void streamAndCheck(GaussianMixtureModel model, List<VectorValue> xs) {
        VariationalState s = model.initialState();
        for (int i = 0; i < xs.size(); i += 50) {
            StepResult r = model.update(s, xs.subList(i, i + 50), 11);
            assertNull(r.diagnostics().rejectedReason());
            s = r.state();
        }
        Posterior post = model.posterior(s);
        double[][] estimated = new double[3][];
        for (int k = 0; k < 3; k++) {
            estimated[k] = SingleComponentConjugacyTest.parameter(post, "m[" + k + "]");
        }
        int[] match = MixtureTestData.bestMatch(estimated, MEANS);
        double worstMean = 0;
        double worstWeight = 0;
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 2; j++) {
                worstMean = Math.max(worstMean, Math.abs(estimated[match[k]][j] - MEANS[k][j]));
            }
            ParameterSummary w = post.summaries().get(match[k]);
            assertEquals("weight[" + match[k] + "]", w.name());
            worstWeight = Math.max(worstWeight, Math.abs(w.mean() - WEIGHTS[k]));
        }
        System.out.printf("%s synthetic recovery: max |mean error| = %.4f, max |weight error| = %.4f%n",
                model.prior().covariance(), worstMean, worstWeight);
        assertEquals(0.0, worstMean, 0.2, "means");
        assertEquals(0.0, worstWeight, 0.05, "weights");
    }

    /** Full covariances, correlated within components. */
    @Test
    void fullCovarianceRecoversMeansAndWeights() {
        double[][][] l = {{{1.0, 0}, {0.5, 0.8}}, {{0.7, 0}, {-0.3, 1.0}}, {{1.2, 0}, {0, 0.6}}};
        List<VectorValue> xs = MixtureTestData.mixture(2024, 3000, WEIGHTS, MEANS, l);
        streamAndCheck(new GaussianMixtureModel(MixturePrior.full(3, 1.0, new double[2], 1.0, 1.0, 4.0),
                RobbinsMonroSchedule.of(1, 0.6), new EffectiveDataSize.Fixed(3000)), xs);
    }

    /** Diagonal covariances, unequal per dimension. */
    @Test
    void diagonalCovarianceRecoversMeansAndWeights() {
        double[][][] l = {{{1.0, 0}, {0, 0.6}}, {{0.5, 0}, {0, 1.2}}, {{0.8, 0}, {0, 0.8}}};
        List<VectorValue> xs = MixtureTestData.mixture(2024, 3000, WEIGHTS, MEANS, l);
        streamAndCheck(new GaussianMixtureModel(MixturePrior.diagonal(3, 1.0, new double[2], 1.0, 1.0, 1.0),
                RobbinsMonroSchedule.of(1, 0.6), new EffectiveDataSize.Fixed(3000)), xs);
    }
}
