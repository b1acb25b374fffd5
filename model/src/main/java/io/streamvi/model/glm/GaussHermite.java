package io.streamvi.model.glm;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * E[f(η)] for η ~ N(μ, v) by Gauss–Hermite quadrature: with nodes x_i and weights w_i for
 * ∫ e^(−x²) g(x) dx, E[f(η)] = Σ_i (w_i / √π) f(μ + √(2v) x_i). Exact for polynomials of degree
 * below 2n; for the smooth, bounded-derivative functions of a GLM 32 nodes give ~1e-10.
 * Nodes and weights come from Hipparchus.
 */
final class GaussHermite {

    static final int NODES = 32;
    private static final double[] X;
    private static final double[] W;

    static {
        GaussIntegrator rule = new GaussIntegratorFactory().hermite(NODES);
        X = new double[NODES];
        W = new double[NODES];
        for (int i = 0; i < NODES; i++) {
            X[i] = rule.getPoint(i);
            W[i] = rule.getWeight(i) / Math.sqrt(Math.PI);
        }
    }

    private GaussHermite() {
    }

    static int size() {
        return NODES;
    }

    /** The i-th evaluation point μ + √(2v) x_i. */
    static double point(int i, double mu, double variance) {
        return mu + Math.sqrt(2 * variance) * X[i];
    }

    /** The i-th normalised weight w_i / √π (they sum to 1). */
    static double weight(int i) {
        return W[i];
    }
}
