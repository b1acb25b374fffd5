package io.streamvi.model.check;

import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.random.RandomDataGenerator;

/** Draws w = m + Lε, ε ~ N(0, I), from N(m, Σ) with Σ = LLᵀ (Hipparchus' Cholesky), factorised once. */
public final class GaussianDraws {

    private final double[] mean;
    private final double[][] factor; // lower triangular L, or null when Σ is diagonal
    private final double[] sd;       // diagonal case

    private GaussianDraws(double[] mean, double[][] factor, double[] sd) {
        this.mean = mean.clone();
        this.factor = factor;
        this.sd = sd;
    }

    /** N(mean, Σ) with Σ row-major p×p, symmetric positive definite. */
    public static GaussianDraws full(double[] mean, double[] covariance) {
        int p = mean.length;
        RealMatrix sigma = MatrixUtils.createRealMatrix(p, p);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                sigma.setEntry(i, j, 0.5 * (covariance[i * p + j] + covariance[j * p + i]));
            }
        }
        return new GaussianDraws(mean, new CholeskyDecomposition(sigma, 1e-10, 0.0).getL().getData(), null);
    }

    /** Independent N(mean_i, variance_i). */
    public static GaussianDraws diagonal(double[] mean, double[] variance) {
        double[] sd = new double[variance.length];
        for (int i = 0; i < sd.length; i++) {
            sd[i] = Math.sqrt(variance[i]);
        }
        return new GaussianDraws(mean, null, sd);
    }

    public int dimension() {
        return mean.length;
    }

    /** One draw (a fresh array). */
    public double[] draw(RandomDataGenerator rng) {
        int p = mean.length;
        double[] eps = new double[p];
        for (int i = 0; i < p; i++) {
            eps[i] = rng.nextNormal(0, 1);
        }
        double[] w = mean.clone();
        for (int i = 0; i < p; i++) {
            if (factor == null) {
                w[i] += sd[i] * eps[i];
            } else {
                for (int j = 0; j <= i; j++) {
                    w[i] += factor[i][j] * eps[j];
                }
            }
        }
        return w;
    }
}
