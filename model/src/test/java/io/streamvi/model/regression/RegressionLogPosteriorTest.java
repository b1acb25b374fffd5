package io.streamvi.model.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.DevData;
import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.bbvi.StandardNormalDraws;
import io.streamvi.model.conjugate.ConjugateModel;
import io.streamvi.model.evaluation.GaussianApproximation;
import io.streamvi.model.mcmc.GradientCheck;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.Regression;
import io.streamvi.model.posterior.Posterior;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.StepResult;
import io.streamvi.model.svi.UpdateMode;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.GammaDistribution;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The linear regressions' exact log joint densities on the diabetes dev case (n = 442, p = 11):
 * gradients against finite differences, and values against the conjugate models' exact
 * posteriors: ln p(θ, y) − ln p(θ | y) must be the same number at every θ, the log evidence
 * (the exact-mode ELBO, itself checked against the reference in {@link DiabetesReferenceTest}).
 */
class RegressionLogPosteriorTest {

    static final Design DESIGN = new Design(10, true);
    static List<Observation> data;

    @BeforeAll
    static void load() {
        data = DevData.regressionEvents("/dev/b_linreg_diabetes/events.jsonl");
    }

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

    /** The exact posterior after all the data, and the log evidence (the exact-mode ELBO). */
    record Exact(Posterior posterior, double logEvidence) {
    }

    static Exact exact(io.streamvi.model.conjugate.ConjugateFamily family) {
        ConjugateModel model = new ConjugateModel(family, UpdateMode.EXACT, RobbinsMonroSchedule.of(1, 0.7),
                new EffectiveDataSize.Seen());
        StepResult r = model.update(model.initialState(), data);
        return new Exact(model.posterior(r.state()), r.diagnostics().elbo());
    }

    @Test
    void knownNoiseValueIsEvidencePlusExactLogPosterior() {
        GaussianLinearRegression family = new GaussianLinearRegression(DESIGN, 0.5, new double[] {0}, new double[] {1},
                new double[0][]);
        Exact r = exact(family);
        Posterior post = r.posterior();
        GaussianApproximation exactPosterior = new GaussianApproximation(post.parameters().get(0).values(),
                post.parameters().get(1).values());
        GaussianRegressionLogPosterior target = new GaussianRegressionLogPosterior(DESIGN, 0.5, new double[] {0},
                new double[] {1}, data);
        double logEvidence = r.logEvidence();
        assertEquals(-499.992, logEvidence, 5e-4); // the reference's rounding
        for (double[] w : points(5, 11, 0.3, 1)) {
            assertEquals(logEvidence, target.logDensity(w) - exactPosterior.logDensity(w), 1e-9 * Math.abs(logEvidence));
            assertTrue(GradientCheck.maxRelativeError(target, w) < 1e-6);
        }
        assertEquals("intercept", target.parameterName(0));
        assertEquals("w[9]", target.parameterName(10));
    }

    @Test
    void unknownNoiseValueIsEvidencePlusExactLogPosterior() {
        NormalGammaLinearRegression family = new NormalGammaLinearRegression(DESIGN, 2, 1, new double[] {0},
                new double[] {1}, new double[0][]);
        Exact r = exact(family);
        Posterior post = r.posterior();
        double[] m = post.parameters().get(0).values();
        double[] precision = post.parameters().get(1).values();
        double a = post.scalar("shape");
        double b = post.scalar("rate");
        double[][] rows = new double[11][11];
        for (int i = 0; i < 11; i++) {
            System.arraycopy(precision, i * 11, rows[i], 0, 11);
        }
        RealMatrix lambda = MatrixUtils.createRealMatrix(rows);
        double logDetLambda = Math.log(new CholeskyDecomposition(lambda, 1e-10, 1e-10).getDeterminant());
        GammaDistribution tauPosterior = new GammaDistribution(a, 1 / b);
        NormalGammaRegressionLogPosterior target = new NormalGammaRegressionLogPosterior(DESIGN, 2, 1,
                new double[] {0}, new double[] {1}, data);
        double logEvidence = r.logEvidence();
        assertEquals(-498.8223, logEvidence, 5e-5);
        for (double[] x : points(5, 12, 0.3, 2)) {
            x[11] += Math.log(2); // around the posterior's tau
            double tau = Math.exp(x[11]);
            double[] d = new double[11];
            for (int i = 0; i < 11; i++) {
                d[i] = x[i] - m[i];
            }
            RealVector dv = MatrixUtils.createRealVector(d);
            double logNormal = 0.5 * (11 * Math.log(tau) + logDetLambda - 11 * Math.log(2 * Math.PI))
                    - 0.5 * tau * dv.dotProduct(lambda.operate(dv));
            double logExact = logNormal + tauPosterior.logDensity(tau) + x[11]; // + ln |dτ/du|
            assertEquals(logEvidence, target.logDensity(x) - logExact, 1e-9 * Math.abs(logEvidence));
            assertTrue(GradientCheck.maxRelativeError(target, x) < 1e-6);
        }
        assertEquals("log_tau", target.parameterName(11));
    }

    @Test
    void refusesEventsThatDoNotFitNamingTheirIndex() {
        List<Observation> bad = List.of(new Regression(new double[10], 1, 1), new Regression(new double[9], 1, 1));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> new GaussianRegressionLogPosterior(DESIGN, 0.5, new double[] {0}, new double[] {1}, bad));
        assertEquals("data[1]", e.field());
    }
}
