package io.streamvi.model.evaluation;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.bbvi.StandardNormalDraws;
import java.util.SplittableRandom;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * A Gaussian variational posterior q = N(m, Σ) — full-rank or mean-field, as the GLMs and black-box
 * VI produce it — for its draws and its log density, the two things PSIS and the comparison with
 * MCMC need:
 * <pre>
 *   w = m + Lε, ε ~ N(0, I), Σ = LLᵀ (Cholesky)
 *   ln q(w) = −½ (w − m)ᵀ Σ⁻¹ (w − m) − ½ ln det Σ − (p/2) ln 2π
 * </pre>
 * The factorisation and solves are Hipparchus' {@link CholeskyDecomposition}, which refuses a Σ
 * that is not positive definite or not symmetric to 1e-10 relative (a covariance computed by
 * inverting a precision matrix is symmetric only to rounding).
 */
public final class GaussianApproximation {

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double SYMMETRY_TOLERANCE = 1e-10;

    private final double[] mean;
    private final RealMatrix lower;
    private final DecompositionSolver solver;
    private final double logNormaliser;

    /** q = N(mean, covariance), the covariance row-major p × p. */
    public GaussianApproximation(double[] mean, double[] covariance) {
        int p = mean.length;
        if (covariance.length != p * p) {
            throw new InvalidParameterException("covariance", covariance.length + " values", "needs p² = " + p * p);
        }
        this.mean = mean.clone();
        double[][] rows = new double[p][p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(covariance, i * p, rows[i], 0, p);
        }
        CholeskyDecomposition cholesky = new CholeskyDecomposition(MatrixUtils.createRealMatrix(rows),
                SYMMETRY_TOLERANCE, CholeskyDecomposition.DEFAULT_ABSOLUTE_POSITIVITY_THRESHOLD);
        this.lower = cholesky.getL();
        this.solver = cholesky.getSolver();
        this.logNormaliser = -0.5 * Math.log(cholesky.getDeterminant()) - 0.5 * p * LOG_2PI;
    }

    /** q = N(mean, diag(variance)), the mean-field family. */
    public static GaussianApproximation meanField(double[] mean, double[] variance) {
        int p = mean.length;
        if (variance.length != p) {
            throw new InvalidParameterException("variance", variance.length + " values", "needs p = " + p);
        }
        double[] cov = new double[p * p];
        for (int i = 0; i < p; i++) {
            cov[i * p + i] = variance[i];
        }
        return new GaussianApproximation(mean, cov);
    }

    public int dimension() {
        return mean.length;
    }

    /** {@code draws} independent draws from q, {@code [draw][coordinate]}. */
    public double[][] sample(int draws, SplittableRandom rng) {
        int p = mean.length;
        double[][] out = new double[draws][];
        double[] eps = new double[p];
        for (int s = 0; s < draws; s++) {
            StandardNormalDraws.fill(rng, eps);
            RealVector w = lower.operate(MatrixUtils.createRealVector(eps));
            out[s] = new double[p];
            for (int i = 0; i < p; i++) {
                out[s][i] = mean[i] + w.getEntry(i);
            }
        }
        return out;
    }

    /** ln q(w). */
    public double logDensity(double[] w) {
        double[] d = new double[mean.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = w[i] - mean[i];
        }
        RealVector dv = MatrixUtils.createRealVector(d);
        return logNormaliser - 0.5 * dv.dotProduct(solver.solve(dv));
    }
}
