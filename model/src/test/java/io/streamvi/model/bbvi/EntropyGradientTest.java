package io.streamvi.model.bbvi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ∇_φ H against central differences, h = 1e-6, relative tolerance 1e-6 (absolute 1e-6 for the
 * zero partials). H is linear in φ, so the differences are exact up to rounding (≈ 1e-9 here).
 */
class EntropyGradientTest {

    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void matchesCentralDifferences(int p) {
        SplittableRandom rng = new SplittableRandom(101 + p);
        for (GaussianFamily family : GaussianFamilies.both(p)) {
            for (int trial = 0; trial < 10; trial++) {
                double[] phi = GaussianFamilies.randomPhi(family, rng);
                double[] exact = new double[phi.length];
                family.addEntropyGradient(phi, exact);
                double[] numeric = GaussianFamilies.centralDifference(family::entropy, phi, H);
                GaussianFamilies.assertGradientsClose(family, exact, numeric, TOLERANCE);
            }
        }
    }

    /** The gradient is added to what gradOut holds, not written over it. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void addsIntoTheOutput(int p) {
        for (GaussianFamily family : GaussianFamilies.both(p)) {
            double[] phi = GaussianFamilies.randomPhi(family, new SplittableRandom(7));
            double[] fresh = new double[phi.length];
            family.addEntropyGradient(phi, fresh);
            double[] preloaded = new double[phi.length];
            Arrays.fill(preloaded, 0.25);
            family.addEntropyGradient(phi, preloaded);
            for (int i = 0; i < phi.length; i++) {
                assertEquals(fresh[i] + 0.25, preloaded[i], 0.0, family.parameterName(i));
            }
        }
    }
}
