package io.streamvi.model.bbvi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * sample() against mean() and covariance(): with n = 200,000 draws from a fixed seed, the sample
 * mean of w_i has standard error √(Σ_ii/n) and the sample covariance of (w_i, w_j) has standard
 * error √((Σ_ii Σ_jj + Σ_ij²)/n) (Gaussian fourth moments). Each entry must lie within 5 standard
 * errors: for a correct sampler a miss has probability about 6e-7 per entry, so with at most 35
 * entries per family the fixed seed passes unless the sampler is wrong, while a scale error of
 * 1% in a standard deviation (a 2% error in the variance, ≈ 6.3 of its standard errors √(2/n) Σ_ii) is caught.
 */
class GaussianSamplingTest {

    private static final int DRAWS = 200_000;
    private static final double STANDARD_ERRORS = 5;

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void momentsOfTheDrawsMatchMeanAndCovariance(int p) {
        SplittableRandom rng = new SplittableRandom(303 + p);
        for (GaussianFamily family : GaussianFamilies.both(p)) {
            double[] phi = GaussianFamilies.randomPhi(family, rng);
            double[] eps = StandardNormalDraws.draw(17, p, DRAWS, p);
            double[] ws = new double[DRAWS * p];
            double[] w = new double[p];
            for (int s = 0; s < DRAWS; s++) {
                System.arraycopy(eps, s * p, w, 0, p);
                family.sample(phi, w, w);
                System.arraycopy(w, 0, ws, s * p, p);
            }
            double[] mean = family.mean(phi);
            double[] cov = family.covariance(phi);
            double[] sampleMean = new double[p];
            for (int s = 0; s < DRAWS; s++) {
                for (int i = 0; i < p; i++) {
                    sampleMean[i] += ws[s * p + i] / DRAWS;
                }
            }
            for (int i = 0; i < p; i++) {
                double se = Math.sqrt(cov[i * p + i] / DRAWS);
                assertWithin(family + " mean[" + i + "]", mean[i], sampleMean[i], se);
            }
            for (int i = 0; i < p; i++) {
                for (int j = 0; j <= i; j++) {
                    double sum = 0;
                    for (int s = 0; s < DRAWS; s++) {
                        sum += (ws[s * p + i] - sampleMean[i]) * (ws[s * p + j] - sampleMean[j]);
                    }
                    double sampleCov = sum / (DRAWS - 1);
                    double sij = cov[i * p + j];
                    double se = Math.sqrt((cov[i * p + i] * cov[j * p + j] + sij * sij) / DRAWS);
                    assertWithin(family + " cov[" + i + "][" + j + "]", sij, sampleCov, se);
                }
            }
        }
    }

    /** Writing w over ε (the same array) gives the same w as a separate output. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void outputMayAliasEpsilon(int p) {
        SplittableRandom rng = new SplittableRandom(4);
        for (GaussianFamily family : GaussianFamilies.both(p)) {
            double[] phi = GaussianFamilies.randomPhi(family, rng);
            double[] eps = StandardNormalDraws.draw(5, 6, 1, p);
            double[] w = new double[p];
            family.sample(phi, eps, w);
            family.sample(phi, eps, eps);
            assertArrayEquals(w, eps, 0.0);
        }
    }

    private static void assertWithin(String label, double expected, double actual, double se) {
        assertTrue(Math.abs(actual - expected) <= STANDARD_ERRORS * se,
                label + ": expected " + expected + ", sample " + actual + " (" + (actual - expected) / se + " s.e.)");
    }
}
