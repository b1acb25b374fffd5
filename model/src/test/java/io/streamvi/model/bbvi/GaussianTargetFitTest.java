package io.streamvi.model.bbvi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.linear.LUDecomposition;
import org.junit.jupiter.api.Test;

/**
 * The pieces together: stochastic gradient ascent on the ELBO of a Gaussian target
 * p(w) ∝ exp(−½ (w − c)ᵀ A (w − c)), with S = 32 reparameterised draws per step plus the exact
 * entropy gradient, step ρ_t = 0.05 (1 + t/100)^−0.7, iterates averaged over the second half
 * (Polyak–Ruppert). The optima are known: the full-rank family recovers p exactly (μ = c, Σ = A⁻¹);
 * the mean-field family has μ = c and σ_j² = 1/A_jj, which under-states the marginal variances
 * (A⁻¹)_jj (Bishop 2006, §10.1.2).
 */
class GaussianTargetFitTest {

    private static final int P = 3;
    private static final int STEPS = 20_000;
    private static final int DRAWS = 32;

    private final TestFunction target = new TestFunction(P, new SplittableRandom(21));
    private final double[] exactCovariance = inverse(target.a);

    @Test
    void fullRankRecoversTheTarget() {
        FullRankGaussian family = new FullRankGaussian(P);
        double[] phi = fit(family);
        double[] cov = family.covariance(phi);
        for (int i = 0; i < P; i++) {
            assertEquals(target.c[i], family.mean(phi)[i], 0.02, "mu[" + i + "]");
            for (int j = 0; j < P; j++) {
                assertEquals(exactCovariance[i * P + j], cov[i * P + j], 0.02, "Sigma[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void meanFieldFindsTheMeanAndUnderstatesTheVariances() {
        MeanFieldGaussian family = new MeanFieldGaussian(P);
        double[] phi = fit(family);
        for (int j = 0; j < P; j++) {
            double sd = family.sd(phi, j);
            assertEquals(target.c[j], family.mean(phi)[j], 0.02, "mu[" + j + "]");
            assertEquals(1 / target.a[j * P + j], sd * sd, 0.02, "sigma^2[" + j + "] = 1/A_jj");
            assertTrue(sd * sd < exactCovariance[j * P + j] - 0.05, "under-stated variance of w_" + j);
        }
    }

    private double[] fit(GaussianFamily family) {
        double[] phi = family.initial(new double[P], new double[] {1, 1, 1});
        double[] average = new double[phi.length];
        double[] grad = new double[phi.length];
        double[] eps = new double[P];
        double[] w = new double[P];
        double[] g = new double[P];
        for (int t = 0; t < STEPS; t++) {
            double[] draws = StandardNormalDraws.draw(77, t, DRAWS, P);
            Arrays.fill(grad, 0);
            for (int s = 0; s < DRAWS; s++) {
                System.arraycopy(draws, s * P, eps, 0, P);
                family.sample(phi, eps, w);
                for (int i = 0; i < P; i++) {
                    double gi = 0;
                    for (int j = 0; j < P; j++) {
                        gi -= target.a[i * P + j] * (w[j] - target.c[j]);
                    }
                    g[i] = gi / DRAWS;
                }
                family.addReparameterisedGradient(phi, eps, g, grad);
            }
            family.addEntropyGradient(phi, grad);
            double rho = 0.05 * Math.pow(1 + t / 100.0, -0.7);
            for (int i = 0; i < phi.length; i++) {
                phi[i] += rho * grad[i];
            }
            if (t >= STEPS / 2) {
                for (int i = 0; i < phi.length; i++) {
                    average[i] += phi[i] / (STEPS - STEPS / 2);
                }
            }
        }
        return average;
    }

    private static double[] inverse(double[] a) {
        double[] out = new double[P * P];
        var inv = new LUDecomposition(GaussianEntropyTest.matrix(a, P)).getSolver().getInverse();
        for (int i = 0; i < P; i++) {
            for (int j = 0; j < P; j++) {
                out[i * P + j] = inv.getEntry(i, j);
            }
        }
        return out;
    }
}
