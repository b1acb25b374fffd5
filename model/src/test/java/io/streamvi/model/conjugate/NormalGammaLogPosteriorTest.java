package io.streamvi.model.conjugate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.bbvi.StandardNormalDraws;
import io.streamvi.model.mcmc.GradientCheck;
import io.streamvi.model.observation.BinaryOutcome;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.RealValue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.GammaDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The Normal-Gamma model's log joint on (μ, ln τ): finite-difference gradients, and ln p(μ, u, x)
 * − ln p(μ, u | x) equal to the log evidence (the exact-mode ELBO of {@link NormalGamma}) at every
 * point, also for data far from 0 (where Σ(x_i − μ)² expanded naively would cancel).
 */
class NormalGammaLogPosteriorTest {

    @Test
    void valueIsEvidencePlusExactLogPosteriorAndGradientMatches() {
        for (double centre : new double[] {0, 1e6}) {
            double[] eps = new double[25];
            StandardNormalDraws.fill(new SplittableRandom(12), eps);
            List<Observation> data = new ArrayList<>();
            for (double e : eps) {
                data.add(new RealValue(centre + 3 + 2 * e));
            }
            double mu0 = centre;
            NormalGamma family = new NormalGamma(mu0, 0.5, 3, 2);
            double[] lambda = family.prior();
            double[] stats = new double[family.dimension() + 1];
            for (Observation o : data) {
                family.addStatistics(o, stats);
            }
            for (int i = 0; i < lambda.length; i++) {
                lambda[i] += stats[i];
            }
            double logEvidence = family.elbo(lambda, stats);
            double[] s = family.standard(lambda); // (μ_n, κ_n, a_n, b_n)
            NormalGammaLogPosterior target = new NormalGammaLogPosterior(mu0, 0.5, 3, 2, data);
            SplittableRandom rng = new SplittableRandom(13);
            for (int k = 0; k < 5; k++) {
                double u = Math.log(s[2] / s[3]) + 0.5 * (2 * rng.nextDouble() - 1);
                double tau = Math.exp(u);
                double mu = s[0] + (2 * rng.nextDouble() - 1) / Math.sqrt(s[1] * tau);
                double logExact = new NormalDistribution(s[0], 1 / Math.sqrt(s[1] * tau)).logDensity(mu)
                        + new GammaDistribution(s[2], 1 / s[3]).logDensity(tau) + u;
                double[] x = {mu, u};
                assertEquals(logEvidence, target.logDensity(x) - logExact, 1e-8 * Math.abs(logEvidence),
                        "centre " + centre);
                assertTrue(GradientCheck.maxRelativeError(target, x) < 1e-6, "centre " + centre);
            }
        }
    }

    @Test
    void refusesOtherPayloads() {
        List<Observation> data = List.of(new RealValue(1), new BinaryOutcome(true));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> new NormalGammaLogPosterior(0, 1, 1, 1, data));
        assertEquals("data[1]", e.field());
    }
}
