package io.streamvi.model.bbvi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.InvalidParameterException;
import java.util.SplittableRandom;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;

class MonteCarloElboTest {

    /** {1, 2, 3, 4}: mean 2.5, unbiased variance 5/3, standard error √(5/12). */
    @Test
    void meanAndStandardErrorByHand() {
        MonteCarloElbo.Estimate e = MonteCarloElbo.estimate(new double[] {1, 2, 3, 4});
        assertEquals(2.5, e.mean(), 1e-15);
        assertEquals(Math.sqrt(5.0 / 12), e.standardError(), 1e-15);
        assertEquals(4, e.draws());
        MonteCarloElbo.Estimate elbo = MonteCarloElbo.elbo(new double[] {1, 2, 3, 4}, 10);
        assertEquals(12.5, elbo.mean(), 1e-15);
        assertEquals(e.standardError(), elbo.standardError(), 0.0);
    }

    @Test
    void oneDrawHasNoStandardErrorAndNoDrawIsRefused() {
        assertTrue(Double.isNaN(MonteCarloElbo.estimate(new double[] {3}).standardError()));
        assertEquals("values", assertThrows(InvalidParameterException.class,
                () -> MonteCarloElbo.estimate(new double[0])).field());
    }

    /**
     * With no data and a normalised Gaussian "joint" p(w) = N(w; c, B), the ELBO is −KL(q ‖ p) =
     * −½ [tr(B⁻¹Σ) + (c − μ)ᵀB⁻¹(c − μ) − p + ln det B − ln det Σ]. The Monte Carlo estimate
     * (mean of ln p(w_s) plus the closed-form entropy, 20,000 draws) must lie within 5 of its
     * own standard errors of it: this ties sample(), entropy() and the estimate together.
     */
    @Test
    void estimatesMinusTheKlToAGaussianTarget() {
        int p = 3;
        SplittableRandom rng = new SplittableRandom(12);
        TestFunction shape = new TestFunction(p, rng);
        RealMatrix precision = MatrixUtils.createRealMatrix(p, p);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                precision.setEntry(i, j, shape.a[i * p + j]);
            }
        }
        RealVector c = MatrixUtils.createRealVector(shape.c);
        double logDetPrecision = Math.log(new CholeskyDecomposition(precision).getDeterminant());
        for (GaussianFamily family : GaussianFamilies.both(p)) {
            double[] phi = GaussianFamilies.randomPhi(family, rng);
            RealMatrix sigma = GaussianEntropyTest.matrix(family.covariance(phi), p);
            RealVector d = c.subtract(MatrixUtils.createRealVector(family.mean(phi)));
            double logDetSigma = Math.log(new CholeskyDecomposition(sigma).getDeterminant());
            double kl = 0.5 * (precision.multiply(sigma).getTrace() + d.dotProduct(precision.operate(d)) - p
                    - logDetPrecision - logDetSigma);

            int draws = 20_000;
            double[] eps = StandardNormalDraws.draw(99, 1, draws, p);
            double[] logJoint = new double[draws];
            double[] w = new double[p];
            for (int s = 0; s < draws; s++) {
                System.arraycopy(eps, s * p, w, 0, p);
                family.sample(phi, w, w);
                // ln N(w; c, B), B = A⁻¹: −½ p ln 2π + ½ ln det A − ½ (w − c)ᵀ A (w − c)
                logJoint[s] = -0.5 * p * Math.log(2 * Math.PI) + 0.5 * logDetPrecision
                        + shape.value(w) - logSigmoids(w);
            }
            MonteCarloElbo.Estimate elbo = MonteCarloElbo.elbo(logJoint, family.entropy(phi));
            assertEquals(-kl, elbo.mean(), 5 * elbo.standardError(), family + ": KL = " + kl + ", se = "
                    + elbo.standardError());
        }
    }

    private static double logSigmoids(double[] w) {
        double s = 0;
        for (double x : w) {
            s += TestFunction.logSigmoid(x);
        }
        return s;
    }
}
