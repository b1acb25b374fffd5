package io.streamvi.model.glm;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * E[f(η)] for η ~ N(μ, v) by Gauss–Hermite quadrature: with nodes x_i and weights w_i for
 * ∫ e^(−x²) g(x) dx, E[f(η)] = Σ_i (w_i / √π) f(μ + √(2v) x_i). Nodes and weights come from
 * Hipparchus. The nodes sit about 0.4·√(2v) apart in η near μ, so a sigmoid's transition (width
 * about 4 in η) is resolved only while that spacing stays below about 1–2: 32 nodes serve
 * v ≤ 16, 64 nodes v ≤ 64. Beyond that the logistic expectations lose accuracy (curvature
 * errors of 10% and more at v of a few hundred); {@link NaturalGradientGlm} starts q narrow so
 * that v stays small in practice.
 */
final class GaussHermite {

    private static final Rule SMALL = new Rule(32);
    private static final Rule LARGE = new Rule(64);

    /** A rule's points and normalised weights w_i/√π (they sum to 1). */
    static final class Rule {
        private final double[] x;
        private final double[] w;

        private Rule(int n) {
            GaussIntegrator rule = new GaussIntegratorFactory().hermite(n);
            x = new double[n];
            w = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rule.getPoint(i);
                w[i] = rule.getWeight(i) / Math.sqrt(Math.PI);
            }
        }

        int size() {
            return x.length;
        }

        /** The i-th evaluation point μ + √(2v) x_i. */
        double point(int i, double mu, double variance) {
            return mu + Math.sqrt(2 * variance) * x[i];
        }

        double weight(int i) {
            return w[i];
        }
    }

    private GaussHermite() {
    }

    /** The rule for a variance v. */
    static Rule rule(double variance) {
        return variance <= 16 ? SMALL : LARGE;
    }
}
