package io.streamvi.model.bbvi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With ε held fixed, φ ↦ f(w(φ, ε)) is an ordinary smooth function; its gradient by the chain rule
 * ({@link GaussianFamily#addReparameterisedGradient}) must match central differences (h = 1e-6,
 * relative tolerance 1e-6, absolute 1e-6 for partials below 1). f is {@link TestFunction}: the
 * truncation error h²f'''/6 is ≈ 1e-11 and the rounding error ≈ ulp(f)/h ≈ 1e-8.
 */
class ReparameterisedGradientTest {

    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void matchesCentralDifferencesAtFixedEpsilon(int p) {
        SplittableRandom rng = new SplittableRandom(202 + p);
        for (GaussianFamily family : GaussianFamilies.both(p)) {
            for (int trial = 0; trial < 10; trial++) {
                TestFunction f = new TestFunction(p, rng);
                double[] phi = GaussianFamilies.randomPhi(family, rng);
                double[] eps = StandardNormalDraws.draw(9, trial, 1, p);
                double[] w = new double[p];
                family.sample(phi, eps, w);
                double[] exact = new double[phi.length];
                family.addReparameterisedGradient(phi, eps, f.gradient(w), exact);
                double[] numeric = GaussianFamilies.centralDifference(q -> {
                    double[] wq = new double[p];
                    family.sample(q, eps, wq);
                    return f.value(wq);
                }, phi, H);
                GaussianFamilies.assertGradientsClose(family, exact, numeric, TOLERANCE);
            }
        }
    }

    /** The gradient is added to what gradOut holds, and nothing is written to the inputs. */
    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void addsIntoTheOutputAndLeavesTheInputsAlone(int p) {
        SplittableRandom rng = new SplittableRandom(3);
        for (GaussianFamily family : GaussianFamilies.both(p)) {
            double[] phi = GaussianFamilies.randomPhi(family, rng);
            double[] eps = StandardNormalDraws.draw(1, 2, 1, p);
            double[] g = new double[p];
            for (int j = 0; j < p; j++) {
                g[j] = rng.nextDouble(-1, 1);
            }
            double[] phiCopy = phi.clone();
            double[] epsCopy = eps.clone();
            double[] gCopy = g.clone();
            double[] fresh = new double[phi.length];
            family.addReparameterisedGradient(phi, eps, g, fresh);
            double[] preloaded = new double[phi.length];
            Arrays.fill(preloaded, -1.5);
            family.addReparameterisedGradient(phi, eps, g, preloaded);
            for (int i = 0; i < phi.length; i++) {
                assertEquals(fresh[i] - 1.5, preloaded[i], 1e-15, family.parameterName(i));
            }
            assertEquals(Arrays.toString(phiCopy), Arrays.toString(phi));
            assertEquals(Arrays.toString(epsCopy), Arrays.toString(eps));
            assertEquals(Arrays.toString(gCopy), Arrays.toString(g));
        }
    }
}
