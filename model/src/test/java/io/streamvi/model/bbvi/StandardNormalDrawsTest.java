package io.streamvi.model.bbvi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.svi.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class StandardNormalDrawsTest {

    private static final long STREAM = Seeds.forStream("bbvi-test", "key-1");

    @Test
    void sameSeedAndStepGiveIdenticalDraws() {
        assertArrayEquals(StandardNormalDraws.draw(STREAM, 42, 100, 7), StandardNormalDraws.draw(STREAM, 42, 100, 7));
    }

    @Test
    void anotherStepOrStreamGivesOtherDraws() {
        double[] base = StandardNormalDraws.draw(STREAM, 42, 100, 7);
        assertFalse(Arrays.equals(base, StandardNormalDraws.draw(STREAM, 43, 100, 7)), "next step");
        assertFalse(Arrays.equals(base, StandardNormalDraws.draw(STREAM + 1, 42, 100, 7)), "another stream");
    }

    /** Values are filled in order from one stream: more draws extend, never change, the earlier ones. */
    @Test
    void moreDrawsKeepTheEarlierOnes() {
        double[] few = StandardNormalDraws.draw(STREAM, 1, 5, 3);
        double[] many = StandardNormalDraws.draw(STREAM, 1, 40, 3);
        assertArrayEquals(few, Arrays.copyOf(many, few.length));
        double[] odd = new double[7];
        StandardNormalDraws.fill(new SplittableRandom(Seeds.forStep(STREAM, 1)), odd);
        assertArrayEquals(odd, Arrays.copyOf(many, 7), "an odd length drops only the last partner");
    }

    /**
     * n = 1,000,000 draws: the sample mean has standard error 1/√n = 0.001 and the sample variance
     * √(2/n) ≈ 0.0014 (fourth moment 3); both must lie within 5 standard errors. The polar method
     * makes values in pairs, so the correlation of the two members of a pair is checked too
     * (standard error 1/√(n/2)).
     */
    @Test
    void meanZeroVarianceOneAndPairsUncorrelated() {
        int n = 1_000_000;
        double[] z = StandardNormalDraws.draw(STREAM, 7, n / 4, 4);
        double mean = Arrays.stream(z).sum() / n;
        double variance = Arrays.stream(z).map(x -> (x - mean) * (x - mean)).sum() / (n - 1);
        double pairs = 0;
        for (int i = 0; i < n; i += 2) {
            pairs += z[i] * z[i + 1];
        }
        double pairCorrelation = pairs / (n / 2);
        assertEquals(0, mean, 5 / Math.sqrt(n), "mean");
        assertEquals(1, variance, 5 * Math.sqrt(2.0 / n), "variance");
        assertEquals(0, pairCorrelation, 5 / Math.sqrt(n / 2.0), "pair correlation");
    }

    /** The whole distribution, not just two moments: Kolmogorov–Smirnov against N(0, 1). */
    @Test
    void passesKolmogorovSmirnovAgainstTheStandardNormal() {
        double[] z = StandardNormalDraws.draw(STREAM, 8, 50_000, 2);
        double pValue = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(0, 1), z);
        assertTrue(pValue > 1e-3, "p = " + pValue);
    }

    @Test
    void rejectsEmptyShapesNamingTheField() {
        assertEquals("draws", assertThrows(InvalidParameterException.class,
                () -> StandardNormalDraws.draw(STREAM, 0, 0, 3)).field());
        assertEquals("dimension", assertThrows(InvalidParameterException.class,
                () -> StandardNormalDraws.draw(STREAM, 0, 3, 0)).field());
    }
}
