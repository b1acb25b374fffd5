package io.streamvi.model.bbvi;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CheckDomainTest {

    private final MeanFieldGaussian meanField = new MeanFieldGaussian(3);
    private final FullRankGaussian fullRank = new FullRankGaussian(3);

    @Test
    void acceptsFiniteParametersUpToTheExpOverflow() {
        SplittableRandom rng = new SplittableRandom(1);
        for (GaussianFamily family : GaussianFamilies.both(3)) {
            assertNull(family.checkDomain(GaussianFamilies.randomPhi(family, rng)));
        }
        double[] phi = fullRank.initial(new double[3], new double[] {1, 1, 1});
        phi[fullRank.scaleIndex(2, 2)] = 709; // exp(709) ≈ 8.2e307 is still finite
        assertNull(fullRank.checkDomain(phi));
    }

    @Test
    void catchesNaNAndInfinityNamingTheEntry() {
        double[] mf = meanField.initial(new double[3], new double[] {1, 2, 3});
        mf[1] = Double.NaN;
        assertReason(meanField.checkDomain(mf), "phi[1]", "mu[1]", "not finite");
        mf[1] = 0;
        mf[4] = Double.NEGATIVE_INFINITY;
        assertReason(meanField.checkDomain(mf), "phi[4]", "log sd[1]", "not finite");

        double[] fr = fullRank.initial(new double[3], new double[] {1, 2, 3});
        fr[fullRank.scaleIndex(2, 0)] = Double.POSITIVE_INFINITY;
        assertReason(fullRank.checkDomain(fr), "phi[6]", "L[2][0]", "not finite");
        fr[fullRank.scaleIndex(2, 0)] = 0;
        fr[2] = Double.NaN;
        assertReason(fullRank.checkDomain(fr), "phi[2]", "mu[2]", "not finite");
    }

    @Test
    void catchesAnExpOverflowOrUnderflowOfTheLogDiagonal() {
        double[] mf = meanField.initial(new double[3], new double[] {1, 1, 1});
        mf[5] = 710; // exp(710) = Infinity
        assertReason(meanField.checkDomain(mf), "phi[5]", "log sd[2]", "overflows");
        double[] fr = fullRank.initial(new double[3], new double[] {1, 1, 1});
        fr[fullRank.scaleIndex(1, 1)] = 710;
        assertReason(fullRank.checkDomain(fr), "phi[5]", "log L[1][1]", "overflows");
        fr[fullRank.scaleIndex(1, 1)] = -746; // exp(−746) = 0: a degenerate scale
        assertReason(fullRank.checkDomain(fr), "phi[5]", "log L[1][1]", "underflows");
        // an off-diagonal entry is not exponentiated: 710 is a valid (if extreme) value
        fr[fullRank.scaleIndex(1, 1)] = 0;
        fr[fullRank.scaleIndex(1, 0)] = 710;
        assertNull(fullRank.checkDomain(fr));
    }

    @Test
    void catchesAWrongLength() {
        assertNotNull(meanField.checkDomain(new double[5]));
        assertNotNull(fullRank.checkDomain(new double[6]));
        assertNotNull(fullRank.checkDomain(null));
    }

    private static void assertReason(String reason, String... parts) {
        assertNotNull(reason);
        for (String part : parts) {
            assertTrue(reason.contains(part), "'" + reason + "' should mention " + part);
        }
    }
}
