package io.streamvi.model.regression;

import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * A multivariate Gaussian given in information (natural) form, precision Λ and h = Λm, as
 * streamvi stores it: updates are additive in (Λ, h), rank one per observation, with no
 * refactorisation per event. The Cholesky factor Λ = LLᵀ is computed here, when the moments are
 * needed (once per minibatch or snapshot); it fails loudly if Λ is not positive definite.
 */
public final class GaussianNatural {

    private final int p;
    private final double[] mean;
    private final RealMatrix covariance;
    private final double logDetPrecision;

    /**
     * @param lambda row-major p×p precision, read from {@code lambda[offset ..]}
     * @param h the p-vector Λm, read from {@code h[hOffset ..]}
     */
    public GaussianNatural(int p, double[] lambda, int offset, double[] h, int hOffset) {
        this.p = p;
        RealMatrix precision = MatrixUtils.createRealMatrix(p, p);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                precision.setEntry(i, j, lambda[offset + i * p + j]);
            }
        }
        CholeskyDecomposition chol = new CholeskyDecomposition(precision, 1e-10, 0.0);
        RealMatrix l = chol.getL();
        double logDet = 0;
        for (int i = 0; i < p; i++) {
            logDet += 2 * Math.log(l.getEntry(i, i));
        }
        this.logDetPrecision = logDet;
        this.covariance = chol.getSolver().getInverse();
        this.mean = chol.getSolver().solve(MatrixUtils.createRealVector(java.util.Arrays.copyOfRange(h, hOffset, hOffset + p)))
                .toArray();
    }

    public int dimension() {
        return p;
    }

    /** m = Λ⁻¹h (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    public double mean(int i) {
        return mean[i];
    }

    /** Σ = Λ⁻¹. */
    public double covariance(int i, int j) {
        return covariance.getEntry(i, j);
    }

    /** ln det Λ = 2 Σ ln L_ii. */
    public double logDetPrecision() {
        return logDetPrecision;
    }

    /** tr(A (Σ + m mᵀ)) for a row-major symmetric p×p matrix A at {@code offset}: E_q[wᵀ A w]. */
    public double expectedQuadratic(double[] a, int offset) {
        double s = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                s += a[offset + i * p + j] * (covariance.getEntry(j, i) + mean[i] * mean[j]);
            }
        }
        return s;
    }

    /** zᵀ Σ z. */
    public double quadraticCovariance(double[] z) {
        double s = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                s += z[i] * covariance.getEntry(i, j) * z[j];
            }
        }
        return s;
    }

    /** The covariance, row-major. */
    public double[] covarianceArray() {
        double[] out = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                out[i * p + j] = covariance.getEntry(i, j);
            }
        }
        return out;
    }
}
