package io.streamvi.model.bbvi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The closed-form entropies against independent computations. */
class GaussianEntropyTest {

    /** H[N(μ, σ²)] = ½ ln(2πe σ²), summed over independent coordinates. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void meanFieldEntropyIsTheSumOfUnivariateEntropies(int p) {
        MeanFieldGaussian family = new MeanFieldGaussian(p);
        SplittableRandom rng = new SplittableRandom(11 + p);
        for (int trial = 0; trial < 20; trial++) {
            double[] phi = GaussianFamilies.randomPhi(family, rng);
            double sum = 0;
            for (int j = 0; j < p; j++) {
                double sd = family.sd(phi, j);
                sum += 0.5 * Math.log(2 * Math.PI * Math.E * sd * sd);
            }
            assertEquals(sum, family.entropy(phi), 1e-12 * Math.max(1, Math.abs(sum)));
        }
    }

    /** H = ½ ln det(2πe Σ), det Σ from Hipparchus' Cholesky and LU decompositions of covariance(φ). */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void fullRankEntropyIsHalfTheLogDeterminantOfTwoPiECovariance(int p) {
        FullRankGaussian family = new FullRankGaussian(p);
        SplittableRandom rng = new SplittableRandom(23 + p);
        for (int trial = 0; trial < 20; trial++) {
            double[] phi = GaussianFamilies.randomPhi(family, rng);
            RealMatrix sigma = matrix(family.covariance(phi), p);
            double logDetCholesky = Math.log(new CholeskyDecomposition(sigma, 1e-12, 0.0).getDeterminant());
            double logDetLu = Math.log(new LUDecomposition(sigma).getDeterminant());
            double expected = 0.5 * (p * Math.log(2 * Math.PI * Math.E) + logDetCholesky);
            double tolerance = 1e-10 * Math.max(1, Math.abs(expected));
            assertEquals(expected, family.entropy(phi), tolerance, "Cholesky");
            assertEquals(0.5 * (p * Math.log(2 * Math.PI * Math.E) + logDetLu), family.entropy(phi), tolerance, "LU");
        }
    }

    /** With a diagonal L both families describe the same Gaussian and agree. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void familiesAgreeOnADiagonalCovariance(int p) {
        SplittableRandom rng = new SplittableRandom(5);
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (int j = 0; j < p; j++) {
            mean[j] = rng.nextDouble(-3, 3);
            sd[j] = rng.nextDouble(0.1, 4);
        }
        MeanFieldGaussian mf = new MeanFieldGaussian(p);
        FullRankGaussian fr = new FullRankGaussian(p);
        double[] a = mf.initial(mean, sd);
        double[] b = fr.initial(mean, sd);
        assertEquals(mf.entropy(a), fr.entropy(b), 1e-12);
        assertArrayEquals(mf.covariance(a), fr.covariance(b), 0.0);
        assertArrayEquals(mf.mean(a), fr.mean(b), 0.0);
    }

    static RealMatrix matrix(double[] rowMajor, int p) {
        RealMatrix m = MatrixUtils.createRealMatrix(p, p);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                m.setEntry(i, j, rowMajor[i * p + j]);
            }
        }
        return m;
    }
}
