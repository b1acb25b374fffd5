package io.streamvi.model.bbvi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Shared fixtures for the Gaussian family tests: random parameters and finite differences. */
final class GaussianFamilies {

    private GaussianFamilies() {
    }

    static List<GaussianFamily> both(int p) {
        return List.of(new MeanFieldGaussian(p), new FullRankGaussian(p));
    }

    /** μ ~ U(−2, 2), every scale entry (log-diagonal or off-diagonal) ~ U(−1, 1). */
    static double[] randomPhi(GaussianFamily family, SplittableRandom rng) {
        int p = family.dimension();
        double[] phi = new double[family.parameterCount()];
        for (int i = 0; i < phi.length; i++) {
            phi[i] = i < p ? rng.nextDouble(-2, 2) : rng.nextDouble(-1, 1);
        }
        return phi;
    }

    /** (F(φ + h e_i) − F(φ − h e_i)) / 2h for every i. */
    static double[] centralDifference(ToDoubleFunction<double[]> f, double[] phi, double h) {
        double[] grad = new double[phi.length];
        for (int i = 0; i < phi.length; i++) {
            double[] up = phi.clone();
            double[] down = phi.clone();
            up[i] += h;
            down[i] -= h;
            grad[i] = (f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * h);
        }
        return grad;
    }

    /**
     * |actual − expected| ≤ rel · max(1, |expected|) entry by entry: relative for entries of size
     * 1 or more, absolute (the same number) for entries near zero, whose relative error is
     * meaningless.
     */
    static void assertGradientsClose(GaussianFamily family, double[] expected, double[] actual, double rel) {
        for (int i = 0; i < expected.length; i++) {
            double tolerance = rel * Math.max(1, Math.abs(expected[i]));
            assertTrue(Math.abs(actual[i] - expected[i]) <= tolerance, family + " " + family.parameterName(i)
                    + ": expected " + expected[i] + ", got " + actual[i] + " (tolerance " + tolerance + ")");
        }
    }
}
