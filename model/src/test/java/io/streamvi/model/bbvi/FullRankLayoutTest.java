package io.streamvi.model.bbvi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamvi.model.InvalidParameterException;
import java.util.SplittableRandom;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** The packed layout of φ, and the moments and scales it implies. */
class FullRankLayoutTest {

    @Test
    void packsLRowByRowWithTheLogDiagonalLast() {
        FullRankGaussian family = new FullRankGaussian(3);
        assertEquals(9, family.parameterCount());
        String[] names = new String[9];
        for (int i = 0; i < 9; i++) {
            names[i] = family.parameterName(i);
        }
        assertArrayEquals(new String[] {"mu[0]", "mu[1]", "mu[2]", "log L[0][0]", "L[1][0]", "log L[1][1]",
            "L[2][0]", "L[2][1]", "log L[2][2]"}, names);
        assertEquals(7, family.scaleIndex(2, 1));
        assertEquals(6, new MeanFieldGaussian(3).parameterCount());
    }

    /** L is the unique Cholesky factor of covariance(φ): Hipparchus recovers it from Σ. */
    @Test
    void covarianceIsLLTransposedWithLItsCholeskyFactor() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int p : new int[] {1, 3, 7}) {
            FullRankGaussian family = new FullRankGaussian(p);
            double[] phi = GaussianFamilies.randomPhi(family, rng);
            RealMatrix sigma = GaussianEntropyTest.matrix(family.covariance(phi), p);
            RealMatrix l = new CholeskyDecomposition(sigma, 1e-12, 0.0).getL();
            double[] expected = family.cholesky(phi);
            for (int i = 0; i < p; i++) {
                assertEquals(Math.sqrt(sigma.getEntry(i, i)), family.sd(phi, i), 1e-12);
                for (int j = 0; j < p; j++) {
                    assertEquals(expected[i * p + j], l.getEntry(i, j), 1e-9, "L[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void initialIsTheGivenDiagonalGaussian() {
        for (GaussianFamily family : GaussianFamilies.both(2)) {
            double[] phi = family.initial(new double[] {1.5, -2}, new double[] {0.5, 3});
            assertArrayEquals(new double[] {1.5, -2}, family.mean(phi), 0.0);
            // exp(ln σ) returns σ to within an ulp or two, not exactly
            assertArrayEquals(new double[] {0.25, 0, 0, 9}, family.covariance(phi), 1e-14);
            assertEquals(3, family.sd(phi, 1), 1e-14);
        }
    }

    @Test
    void rejectsBadArgumentsNamingTheField() {
        FullRankGaussian family = new FullRankGaussian(2);
        assertEquals("sd[1]", assertThrows(InvalidParameterException.class,
                () -> family.initial(new double[2], new double[] {1, 0})).field());
        assertEquals("mean[0]", assertThrows(InvalidParameterException.class,
                () -> family.initial(new double[] {Double.NaN, 0}, new double[] {1, 1})).field());
        assertEquals("eps", assertThrows(InvalidParameterException.class,
                () -> family.sample(new double[5], new double[3], new double[2])).field());
        assertEquals("gradOut", assertThrows(InvalidParameterException.class,
                () -> family.addEntropyGradient(new double[5], new double[4])).field());
        assertEquals("dimension", assertThrows(InvalidParameterException.class,
                () -> new MeanFieldGaussian(0)).field());
        assertEquals("dimension", assertThrows(InvalidParameterException.class,
                () -> new FullRankGaussian(70_000)).field());
    }
}
