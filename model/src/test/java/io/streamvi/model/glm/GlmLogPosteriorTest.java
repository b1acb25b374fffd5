package io.streamvi.model.glm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.DevData;
import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.bbvi.StandardNormalDraws;
import io.streamvi.model.mcmc.GradientCheck;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.Regression;
import io.streamvi.model.regression.Design;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.discrete.PoissonDistribution;
import org.junit.jupiter.api.Test;

/**
 * The GLMs' exact log posteriors: gradients against finite differences at random points, and
 * values against an independent sum of Hipparchus log densities (Bernoulli by hand, Poisson and
 * normal from Hipparchus).
 */
class GlmLogPosteriorTest {

    static double[][] points(int count, int dimension, double scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] out = new double[count][dimension];
        for (double[] x : out) {
            StandardNormalDraws.fill(rng, x);
            for (int i = 0; i < dimension; i++) {
                x[i] *= scale;
            }
        }
        return out;
    }

    @Test
    void logisticOnBreastCancer() {
        List<Observation> data = DevData.regressionEvents("/dev/a_logreg_breast_cancer/events.jsonl");
        GlmLogPosterior target = new GlmLogPosterior(new LogisticLikelihood(), new Design(30, true), 1.0, 5.0, data);
        NormalDistribution weightPrior = new NormalDistribution(0, 1);
        NormalDistribution interceptPrior = new NormalDistribution(0, 5);
        for (double[] w : points(5, 31, 0.7, 3)) {
            assertTrue(GradientCheck.maxRelativeError(target, w) < 1e-6);
            double expected = interceptPrior.logDensity(w[0]);
            for (int j = 1; j < 31; j++) {
                expected += weightPrior.logDensity(w[j]);
            }
            for (Observation o : data) {
                Regression r = (Regression) o;
                double eta = w[0];
                for (int j = 0; j < 30; j++) {
                    eta += w[j + 1] * r.x(j);
                }
                double p = 1 / (1 + Math.exp(-eta));
                expected += r.y() == 1 ? Math.log(p) : Math.log(1 - p);
            }
            assertEquals(expected, target.logDensity(w), 1e-9 * Math.abs(expected));
        }
        assertEquals("intercept", target.parameterName(0));
        assertEquals("w[29]", target.parameterName(30));
    }

    @Test
    void poissonWithExposure() {
        SplittableRandom rng = new SplittableRandom(4);
        List<Observation> data = new ArrayList<>();
        double[] x = new double[2];
        for (int i = 0; i < 200; i++) {
            StandardNormalDraws.fill(rng, x);
            double exposure = 0.5 + rng.nextDouble() * 2;
            double rate = exposure * Math.exp(0.3 + 0.5 * x[0] - 0.2 * x[1]);
            data.add(new Regression(x, new PoissonDistribution(rate).inverseCumulativeProbability(rng.nextDouble()),
                    exposure));
        }
        GlmLogPosterior target = new GlmLogPosterior(new PoissonLikelihood(), new Design(2, true), 1.0, 1.0, data);
        NormalDistribution prior = new NormalDistribution(0, 1);
        for (double[] w : points(5, 3, 0.5, 5)) {
            assertTrue(GradientCheck.maxRelativeError(target, w) < 1e-6);
            double expected = prior.logDensity(w[0]) + prior.logDensity(w[1]) + prior.logDensity(w[2]);
            for (Observation o : data) {
                Regression r = (Regression) o;
                double mean = r.exposure() * Math.exp(w[0] + w[1] * r.x(0) + w[2] * r.x(1));
                expected += new PoissonDistribution(mean).logProbability((int) r.y());
            }
            assertEquals(expected, target.logDensity(w), 1e-9 * Math.abs(expected));
        }
    }

    @Test
    void refusesEventsThatDoNotFitTheLikelihood() {
        List<Observation> data = List.of(new Regression(new double[] {0.1}, 1, 1), new Regression(new double[] {0.2}, 2, 1));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> new GlmLogPosterior(new LogisticLikelihood(), new Design(1, true), 1, 5, data));
        assertEquals("data[1]", e.field());
        assertTrue(e.getMessage().contains("must be 0 or 1"), e.getMessage());
    }

    /** The one-pass likelihood and derivative return exactly what the two separate methods return. */
    @Test
    void oneLikelihoodPassEqualsTheSeparateMethods() {
        GlmLikelihood[] likelihoods = {new LogisticLikelihood(), new PoissonLikelihood()};
        double[] d = new double[1];
        for (GlmLikelihood l : likelihoods) {
            for (double eta = -40; eta <= 40; eta += 0.37) {
                for (double y : new double[] {0, 1, 3}) {
                    if (l instanceof LogisticLikelihood && y > 1) {
                        continue;
                    }
                    for (double exposure : new double[] {1, 0.25}) {
                        double value = l.logLikelihoodAndDerivative(y, eta, exposure, d);
                        assertEquals(l.logLikelihood(y, eta, exposure), value, 1e-12 * Math.max(1, Math.abs(value)));
                        assertEquals(l.derivative(y, eta, exposure), d[0], 1e-12 * Math.max(1, Math.abs(d[0])));
                    }
                }
            }
        }
    }
}
