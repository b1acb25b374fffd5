package io.streamvi.model.conjugate;

import io.streamvi.model.observation.Observation;
import io.streamvi.model.regression.NormalGammaLinearRegression;
import java.util.List;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.special.Gamma;

/** Unknown-noise regression against Murphy (2007) §9 / Bishop (2006) ex. 3.12–3.13, by matrices. */
class NormalGammaLinearRegressionTest extends ConjugateFamilyContract {

    private static final double A0 = 3;
    private static final double B0 = 2;
    private static final double[] M0 = {0, 1, 0, 0};
    private static final double[] L0 = {0.5, 1, 2, 1};
    private static final NormalGammaLinearRegression FAMILY = new NormalGammaLinearRegression(
            GaussianLinearRegressionTest.DESIGN, A0, B0, M0, L0, new double[][] {{0, 0, 0}});

    @Override
    ConjugateFamily family() {
        return FAMILY;
    }

    @Override
    List<Observation> data(long seed, int n) {
        return GaussianLinearRegressionTest.regressionData(seed, n, 0.8);
    }

    private record Exact(RealMatrix precision, RealVector mean, double a, double b) {
    }

    private static Exact exact(List<Observation> data) {
        RealMatrix z = GaussianLinearRegressionTest.designMatrix(data);
        RealVector y = GaussianLinearRegressionTest.targets(data);
        RealMatrix l0 = MatrixUtils.createRealDiagonalMatrix(L0);
        RealVector m0 = MatrixUtils.createRealVector(M0);
        RealMatrix precision = l0.add(z.transpose().multiply(z));
        RealVector mean = new CholeskyDecomposition(precision).getSolver()
                .solve(l0.operate(m0).add(z.transpose().operate(y)));
        double a = A0 + data.size() / 2.0;
        double b = B0 + 0.5 * (y.dotProduct(y) + m0.dotProduct(l0.operate(m0)) - mean.dotProduct(precision.operate(mean)));
        return new Exact(precision, mean, a, b);
    }

    @Override
    double[] closedFormPosterior(List<Observation> data) {
        Exact e = exact(data);
        int p = e.mean().getDimension();
        double[] lambda = new double[p * p + p + 2];
        RealVector h = e.precision().operate(e.mean());
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                lambda[i * p + j] = e.precision().getEntry(i, j);
            }
            lambda[p * p + i] = h.getEntry(i);
        }
        lambda[p * p + p] = e.a();
        lambda[p * p + p + 1] = 2 * e.b() + e.mean().dotProduct(h);
        return lambda;
    }

    @Override
    double logEvidence(List<Observation> data) {
        Exact e = exact(data);
        double logDetPrior = 0;
        for (double v : L0) {
            logDetPrior += Math.log(v);
        }
        double logDetPost = Math.log(new CholeskyDecomposition(e.precision()).getDeterminant());
        return -0.5 * data.size() * Math.log(2 * Math.PI) + 0.5 * (logDetPrior - logDetPost)
                + A0 * Math.log(B0) - e.a() * Math.log(e.b()) + Gamma.logGamma(e.a()) - Gamma.logGamma(A0);
    }
}
