package io.streamvi.model.bbvi;

import java.util.SplittableRandom;

/**
 * A smooth, non-quadratic test function with a known gradient:
 * f(w) = −½ (w − c)ᵀ A (w − c) + Σ_j ln s(w_j), s the logistic sigmoid, A symmetric positive
 * definite; ∇f(w) = −A (w − c) + (1 − s(w_j))_j.
 */
final class TestFunction {

    final int p;
    final double[] a;
    final double[] c;

    /** A = BᵀB/p + ½ I with B ~ U(−1, 1)^{p×p}, c ~ U(−1, 1)^p. */
    TestFunction(int p, SplittableRandom rng) {
        this.p = p;
        double[] b = new double[p * p];
        for (int i = 0; i < b.length; i++) {
            b[i] = rng.nextDouble(-1, 1);
        }
        a = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int k = 0; k < p; k++) {
                    s += b[k * p + i] * b[k * p + j];
                }
                a[i * p + j] = s / p + (i == j ? 0.5 : 0);
            }
        }
        c = new double[p];
        for (int j = 0; j < p; j++) {
            c[j] = rng.nextDouble(-1, 1);
        }
    }

    double value(double[] w) {
        double quadratic = 0;
        double logSigmoids = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                quadratic += (w[i] - c[i]) * a[i * p + j] * (w[j] - c[j]);
            }
            logSigmoids += logSigmoid(w[i]);
        }
        return -0.5 * quadratic + logSigmoids;
    }

    double[] gradient(double[] w) {
        double[] g = new double[p];
        for (int i = 0; i < p; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += a[i * p + j] * (w[j] - c[j]);
            }
            g[i] = -s + sigmoid(-w[i]);
        }
        return g;
    }

    /** ln s(x) = −ln(1 + e^−x), computed without overflow for either sign. */
    static double logSigmoid(double x) {
        return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
