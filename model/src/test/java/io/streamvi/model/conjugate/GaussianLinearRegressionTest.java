package io.streamvi.model.conjugate;

import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.Regression;
import io.streamvi.model.regression.Design;
import io.streamvi.model.regression.GaussianLinearRegression;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.random.Well19937c;

/** Known-noise regression against Bishop (2006) eqs. 3.50–3.51 and the Gaussian marginal likelihood. */
class GaussianLinearRegressionTest extends ConjugateFamilyContract {

    static final Design DESIGN = new Design(3, true);
    private static final double NOISE_VARIANCE = 0.25;
    private static final double[] M0 = {0.5, 0, -0.5, 1};
    private static final double[] SD0 = {2, 1, 1, 3};
    private static final GaussianLinearRegression FAMILY =
            new GaussianLinearRegression(DESIGN, NOISE_VARIANCE, M0, SD0, new double[][] {{0.1, 0.2, 0.3}});

    @Override
    ConjugateFamily family() {
        return FAMILY;
    }

    static List<Observation> regressionData(long seed, int n, double noiseSd) {
        Well19937c rng = new Well19937c(seed);
        double[] w = {1.0, -2.0, 0.5, 3.0};
        List<Observation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] x = {rng.nextGaussian(), rng.nextGaussian() + 0.5 * i / n, rng.nextDouble()};
            double y = w[0] + w[1] * x[0] + w[2] * x[1] + w[3] * x[2] + noiseSd * rng.nextGaussian();
            out.add(new Regression(x, y, 1.0));
        }
        return out;
    }

    @Override
    List<Observation> data(long seed, int n) {
        return regressionData(seed, n, Math.sqrt(NOISE_VARIANCE));
    }

    static RealMatrix designMatrix(List<Observation> data) {
        RealMatrix z = MatrixUtils.createRealMatrix(data.size(), DESIGN.size());
        for (int i = 0; i < data.size(); i++) {
            z.setRow(i, DESIGN.z(((Regression) data.get(i)).x()));
        }
        return z;
    }

    static RealVector targets(List<Observation> data) {
        return MatrixUtils.createRealVector(data.stream().mapToDouble(o -> ((Regression) o).y()).toArray());
    }

    @Override
    double[] closedFormPosterior(List<Observation> data) {
        RealMatrix z = designMatrix(data);
        double beta = 1 / NOISE_VARIANCE;
        RealMatrix precision = z.transpose().multiply(z).scalarMultiply(beta);
        RealVector h = z.transpose().operate(targets(data)).mapMultiply(beta);
        int p = DESIGN.size();
        double[] lambda = new double[p * p + p];
        for (int i = 0; i < p; i++) {
            precision.addToEntry(i, i, 1 / (SD0[i] * SD0[i]));
            h.addToEntry(i, M0[i] / (SD0[i] * SD0[i]));
            for (int j = 0; j < p; j++) {
                lambda[i * p + j] = precision.getEntry(i, j);
            }
            lambda[p * p + i] = h.getEntry(i);
        }
        return lambda;
    }

    /** y ~ N(Z m0, Z Σ0 Zᵀ + σ² I): the log density of the n-vector, by Cholesky. */
    @Override
    double logEvidence(List<Observation> data) {
        RealMatrix z = designMatrix(data);
        RealMatrix sigma0 = MatrixUtils.createRealDiagonalMatrix(new double[] {4, 1, 1, 9});
        RealMatrix cov = z.multiply(sigma0).multiplyTransposed(z);
        for (int i = 0; i < data.size(); i++) {
            cov.addToEntry(i, i, NOISE_VARIANCE);
        }
        RealVector resid = targets(data).subtract(z.operate(MatrixUtils.createRealVector(M0)));
        CholeskyDecomposition chol = new CholeskyDecomposition(cov, 1e-12, 0); // Z Σ0 Zᵀ is symmetric up to rounding
        double logDet = 2 * java.util.stream.IntStream.range(0, data.size())
                .mapToDouble(i -> Math.log(chol.getL().getEntry(i, i))).sum();
        double quad = resid.dotProduct(chol.getSolver().solve(resid));
        return -0.5 * (data.size() * Math.log(2 * Math.PI) + logDet + quad);
    }
}
